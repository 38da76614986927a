package org.switchboard.caseapi.conversations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.DeliveryStatusUpdates;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.outbound.OutboundMessage.Elements;
import org.switchboard.process.outbound.OutboundMessage.Variables;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessages.Claim;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;

/** The send ledger's claim semantics and the OutboundMessage process driven the way the workers drive it. */
@SwitchboardTest
class SendLedgerTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport conversations;
  @Autowired OutboundTestSupport support;
  @Autowired SendLedger ledger;
  @Autowired DeliveryStatusUpdates deliveryStatus;
  @Autowired ExternalTaskService externalTasks;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired Clock clock;

  @Test
  void aClaimedMessageIsDecryptedForTheSenderAndConfirmedOnceTheProviderTookIt() {
    Sent s = queued(Channel.SMS, "Your code is 4711");

    Claim claim = ledger.claim(s.messageId, "job-1");

    assertThat(claim).isInstanceOf(Claim.Ready.class);
    var message = ((Claim.Ready) claim).message();
    assertThat(message.body()).isEqualTo("Your code is 4711");
    assertThat(message.recipient()).isEqualTo("+447911123456");
    assertThat(message.account().id()).isEqualTo(s.account.id());
    assertThat(message.caseId()).isEqualTo(s.caseId);
    assertThat(support.row(s.messageId)).containsEntry("state", "SENDING").containsEntry("claimed_by_job", "job-1");

    ledger.sent(s.messageId, new SendReceipt("SM-" + s.messageId, DeliveryState.QUEUED));
    assertThat(support.row(s.messageId)).containsEntry("state", "SENT")
        .containsEntry("provider_message_id", "SM-" + s.messageId);
    assertThat(ledger.claim(s.messageId, "job-2")).isEqualTo(new Claim.AlreadySent("SM-" + s.messageId));
  }

  @Test
  void aClaimNeverConfirmedIsInDoubtAndNeverSentAgainUntilTheProviderSaysSo() {
    Sent s = queued(Channel.SMS, "Hello");
    assertThat(ledger.claim(s.messageId, "job-1")).isInstanceOf(Claim.Ready.class);

    Claim retried = ledger.claim(s.messageId, "job-2");

    assertThat(retried).isInstanceOf(Claim.InDoubt.class);
    assertThat(support.row(s.messageId)).containsEntry("state", "IN_DOUBT").containsEntry("error_code", "SEND_IN_DOUBT");
    assertThat(ledger.claim(s.messageId, "job-3")).isInstanceOf(Claim.InDoubt.class);

    // The first attempt did reach the provider after all: its confirmation settles the doubt.
    ledger.sent(s.messageId, new SendReceipt("SM-late-" + s.messageId, DeliveryState.SENT));
    assertThat(support.row(s.messageId)).containsEntry("state", "SENT").containsEntry("error_code", null);
  }

  @Test
  void aTechnicalFailureReleasesTheClaimForTheRetry() {
    Sent s = queued(Channel.SMS, "Hello");
    ledger.claim(s.messageId, "job-1");

    ledger.failed(s.messageId, "connect timed out");

    assertThat(support.row(s.messageId)).containsEntry("state", "QUEUED").containsEntry("claimed_by_job", null);
    assertThat(ledger.claim(s.messageId, "job-1")).isInstanceOf(Claim.Ready.class);
    assertThat(support.row(s.messageId)).containsEntry("attempts", 2);
  }

  @Test
  void rulesAreCheckedAgainAtClaimTimeAndARefusalIsFinal() {
    Sent s = queued(Channel.SMS, "Hello");
    Map<String, Object> optedOut = new HashMap<>(Map.of("doNotContact", false, "optedOutChannels", List.of("SMS")));
    assertThat(fixtures.as(s.agent).put("/api/v1/contacts/" + s.contactId + "/preferences", optedOut).status())
        .isEqualTo(200);

    Claim claim = ledger.claim(s.messageId, "job-1");

    assertThat(claim).isInstanceOf(Claim.Refused.class);
    assertThat(((Claim.Refused) claim).code()).isEqualTo(RefusalCodes.OPTED_OUT);
    assertThat(support.row(s.messageId)).containsEntry("state", "REFUSED").containsEntry("error_code", "OPTED_OUT");
    assertThat(ledger.claim(s.messageId, "job-2")).isInstanceOf(Claim.Refused.class);
  }

  @Test
  void aWindowThatClosedBeforeTheClaimRefusesAFreeFormWhatsAppMessage() {
    Sent s = queued(Channel.WHATSAPP, "Hello");
    // The contact's last message is older now than when the send was requested (queued() wrote 5 minutes ago).
    support.setLastInbound(s.account, s.c, clock.instant().minus(Duration.ofHours(30)));

    Claim claim = ledger.claim(s.messageId, "job-1");

    assertThat(claim).isInstanceOf(Claim.Refused.class);
    assertThat(((Claim.Refused) claim).code()).isEqualTo(RefusalCodes.WINDOW_CLOSED);
  }

  @Test
  void ofTwoConcurrentClaimsExactlyOneIsReady() throws Exception {
    Sent s = queued(Channel.SMS, "Hello");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<CompletableFuture<Claim>> claims = new ArrayList<>();
      for (String job : List.of("job-a", "job-b")) {
        claims.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ledger.claim(s.messageId, job);
        }, pool));
      }
      start.countDown();
      List<Claim> results = new ArrayList<>();
      for (CompletableFuture<Claim> claim : claims) {
        results.add(claim.get(30, TimeUnit.SECONDS));
      }
      assertThat(results).filteredOn(c -> c instanceof Claim.Ready).hasSize(1);
      assertThat(results).filteredOn(c -> c instanceof Claim.InDoubt).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aConfirmationAfterADeliveryCallbackNeverMovesTheMessageBack() {
    Sent s = queued(Channel.SMS, "Hello");
    ledger.claim(s.messageId, "job-1");
    ledger.sent(s.messageId, new SendReceipt("SM-cb-" + s.messageId, DeliveryState.SENT));
    assertThat(deliveryStatus.apply(Channel.SMS, "SM-cb-" + s.messageId, DeliveryState.DELIVERED, null,
        clock.instant())).isTrue();

    ledger.sent(s.messageId, new SendReceipt("SM-cb-" + s.messageId, DeliveryState.SENT));

    assertThat(support.row(s.messageId)).containsEntry("state", "DELIVERED");
  }

  @Test
  void theProcessSendsThroughTheTopicOfTheChannelAndEndsWhenTheWorkerCompletes() {
    Sent s = queued(Channel.SMS, "Hello");
    support.runSavePoint(s.messageId);

    LockedExternalTask task = support.fetch(s.messageId, Channel.SMS);
    assertThat(task.getVariables()).containsEntry(Variables.MESSAGE_ID, s.messageId);
    Claim claim = ledger.claim(task.getVariables().get(Variables.MESSAGE_ID).toString(), task.getId());
    assertThat(claim).isInstanceOf(Claim.Ready.class);
    ledger.sent(s.messageId, new SendReceipt("SM-p-" + s.messageId, DeliveryState.SENT));
    externalTasks.complete(task.getId(), "outbound-test");

    assertThat(support.instanceOf(s.messageId)).isNull();
    assertThat(fixtures.as(s.agent).get("/api/v1/communications/messages/" + s.messageId).json().path("state")
        .asText()).isEqualTo("SENT");
  }

  @Test
  void aSendInDoubtIsRecordedOnTheMessageAndCaseAndBecomesATaskForTheCasesTeam() {
    Sent s = queued(Channel.SMS, "Hello");
    support.runSavePoint(s.messageId);
    LockedExternalTask task = support.fetch(s.messageId, Channel.SMS);
    ledger.claim(s.messageId, "earlier-attempt");
    assertThat(ledger.claim(s.messageId, task.getId())).isInstanceOf(Claim.InDoubt.class);

    externalTasks.handleBpmnError(task.getId(), "outbound-test", RefusalCodes.SEND_IN_DOUBT, "claimed earlier");

    assertThat(support.row(s.messageId)).containsEntry("state", "IN_DOUBT");
    assertThat(support.changeTypes(s.caseId)).contains(OutboundAuditActions.CHANGE_MESSAGE_REFUSED);
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(s.messageId).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo(Elements.TASK_REVIEW_REFUSAL);
    assertThat(tasks.getIdentityLinksForTask(review.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("general-team"));
    assertThat(review.getTenantId()).isEqualTo(s.c.tenantId());
  }

  @Test
  void anOptedOutRefusalIsRecordedAndEndsTheProcess() {
    Sent s = queued(Channel.SMS, "Hello");
    support.runSavePoint(s.messageId);
    LockedExternalTask task = support.fetch(s.messageId, Channel.SMS);

    externalTasks.handleBpmnError(task.getId(), "outbound-test", RefusalCodes.OPTED_OUT, "opted out");

    assertThat(support.instanceOf(s.messageId)).isNull();
    assertThat(history.createHistoricActivityInstanceQuery().activityId(Elements.END_EVENT_SEND_REFUSED)
        .processInstanceId(task.getProcessInstanceId()).count()).isEqualTo(1);
    assertThat(support.row(s.messageId)).containsEntry("state", "REFUSED").containsEntry("error_code", "OPTED_OUT");
  }

  @Test
  void attachmentsReachTheSenderWithContentAndASignedShortLivedLinkProvidersFetchWithoutLogin() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ChannelAccount account = conversations.account(tenant, Channel.SMS, null);
    CaseRecord c = support.caseWith(tenant, agent, null);
    ApiClient api = fixtures.as(agent);
    byte[] pdf = org.switchboard.caseapi.support.TestFiles.pdf();
    String documentId = api.send(Multipart.file(api, "/api/v1/cases/" + c.id() + "/documents", "file", "leaflet.pdf",
        pdf)).json().path("id").asText();
    String messageId = api.post("/api/v1/communications/sms/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "+447911123456"), "text", "The leaflet", "attachments", List.of(documentId)))
        .json().path("id").asText();

    var message = ((Claim.Ready) ledger.claim(messageId, "job-1")).message();

    assertThat(account.provider()).isEqualTo("twilio");
    assertThat(message.attachments()).singleElement().satisfies(a -> {
      assertThat(a.content()).isEqualTo(pdf);
      assertThat(a.fileName()).isEqualTo("leaflet.pdf");
      assertThat(a.publicUrl()).startsWith("http://localhost:8080/media/");
    });
    String path = message.attachments().get(0).publicUrl().substring("http://localhost:8080".length());
    Response fetched = fixtures.anonymous().get(path);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.bytes()).isEqualTo(pdf);
    assertThat(fixtures.anonymous().get(path.substring(0, path.length() - 2) + "xx").status()).isEqualTo(404);
    assertThat(fixtures.anonymous().get("/media/not-a-token").status()).isEqualTo(404);
  }

  private record Sent(String messageId, String caseId, CaseRecord c, String contactId, String agent,
      ChannelAccount account) {
  }

  /** A message queued through the API to a contact of a case, on an account of a fresh tenant. */
  private Sent queued(Channel channel, String text) {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ChannelAccount account = conversations.account(tenant, channel, null);
    String contact = support.contact(fixtures.as(agent), tenant, "+447911123456", null);
    CaseRecord c = support.caseWith(tenant, agent, contact);
    if (channel == Channel.WHATSAPP) {
      support.contactWrote(account, c, contact, clock.instant().minus(Duration.ofMinutes(5)));
    }
    Response sent = fixtures.as(agent).post("/api/v1/communications/" + channel.name().toLowerCase() + "/send",
        Map.of("caseId", c.id(), "recipient", Map.of("contactId", contact), "text", text));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    return new Sent(sent.json().path("id").asText(), c.id(), c, contact, agent, account);
  }
}
