package org.switchboard.caseapi.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor.Outcome;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.caselifecycle.CaseLifecycle.Elements;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

@SwitchboardTest
class InboundProcessingTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport support;
  @Autowired InboundProcessor processor;
  @Autowired CaseRepository cases;
  @Autowired CaseChangeLog changeLog;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired ProcessedEventsRecorder processedEvents;

  @Test
  void aWebChatMessageStartsACaseWithAContactAndIsStoredEncrypted() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.WEBCHAT, null);
    InboundMessage message = support.message(account, "session-" + tenant, "Hello, I need help");

    InboundReception.Acceptance first = support.accept(message);
    InboundReception.Acceptance again = support.accept(message);

    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.messageId()).isEqualTo(first.messageId());
    Map<String, Object> stored = support.row(first.messageId());
    assertThat(stored.get("state")).isEqualTo("RECEIVED");
    assertThat((String) stored.get("body")).doesNotContain("Hello").startsWith("v1:");
    assertThat((String) stored.get("sender")).doesNotContain("session").startsWith("v1:");

    assertThat(processor.process(first.messageId())).isEqualTo(Outcome.PROCESSED);

    Map<String, Object> processed = support.row(first.messageId());
    assertThat(processed.get("state")).isEqualTo("PROCESSED");
    CaseRecord c = cases.findById((String) processed.get("case_id")).orElseThrow();
    assertThat(c.tenantId()).isEqualTo(tenant);
    assertThat(c.channel()).isEqualTo("webchat");
    assertThat(c.caseType()).isEqualTo("general-enquiry");
    assertThat(c.contactId()).isEqualTo(processed.get("contact_id"));
    assertThat(support.body(first.messageId())).isEqualTo("Hello, I need help");
    assertThat(keySubject((String) processed.get("body"))).isEqualTo("CASE:" + c.id());
    assertThat(processedEvents.received).contains(new InboundMessageProcessed(first.messageId(), tenant, c.id(),
        c.contactId(), Channel.WEBCHAT, account.id()));
    assertThat(jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = :c AND event_type = 'MessageReceived'")
        .param("c", c.id()).query(String.class).single()).contains(first.messageId()).doesNotContain("Hello");
    assertThat(processor.process(first.messageId())).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void concurrentDuplicateDeliveriesStoreOneMessageAndHaveOneCaseEffect() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null);
    InboundMessage message = support.message(account, mobile(), "Same message, delivered eight times");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<InboundReception.Acceptance> acceptances = all(pool, 8, () -> support.accept(message));
      assertThat(acceptances.stream().map(InboundReception.Acceptance::messageId).distinct()).hasSize(1);
      assertThat(acceptances.stream().filter(a -> !a.duplicate())).hasSize(1);
      String id = acceptances.get(0).messageId();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE provider_message_id = :p")
          .param("p", message.providerMessageId()).query(Long.class).single()).isEqualTo(1);

      List<Outcome> outcomes = all(pool, 4, () -> processor.process(id));
      outcomes.addAll(all(pool, 2, () -> Outcome.values()[Math.min(processor.processDue(), 0)]));

      assertThat(outcomes).contains(Outcome.PROCESSED);
      assertThat(support.row(id).get("state")).isEqualTo("PROCESSED");
      assertThat(jdbc.sql("SELECT COUNT(*) FROM case_record WHERE tenant_id = :t").param("t", tenant)
          .query(Long.class).single()).isEqualTo(1);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM contact WHERE tenant_id = :t").param("t", tenant)
          .query(Long.class).single()).isEqualTo(1);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM conversation WHERE tenant_id = :t").param("t", tenant)
          .query(Long.class).single()).isEqualTo(1);
      assertThat(jdbc.sql("SELECT unread_count FROM conversation WHERE tenant_id = :t").param("t", tenant)
          .query(Integer.class).single()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFirstMessagesOfOneNewPersonOpenOneCase() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null);
    String from = mobile();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(support.accept(support.message(account, from, "burst " + i)).messageId());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Outcome>> calls = ids.stream().<Callable<Outcome>>map(id -> () -> processor.process(id)).toList();
      for (Future<Outcome> f : pool.invokeAll(calls)) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String id : ids) {
      processor.process(id); // a loser of a race retries; parked ones stay on their case
    }
    assertThat(ids.stream().map(id -> (String) support.row(id).get("case_id")).collect(Collectors.toSet()))
        .hasSize(1).doesNotContainNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_record WHERE tenant_id = :t").param("t", tenant)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT unread_count FROM conversation WHERE tenant_id = :t").param("t", tenant)
        .query(Integer.class).single()).isEqualTo(4);
  }

  @Test
  void aMessageArrivingWhileTheProcessIsNotWaitingIsParkedAndDeliveredLater() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null);
    String from = mobile();
    String first = support.accept(support.message(account, from, "first")).messageId();
    assertThat(processor.process(first)).isEqualTo(Outcome.PROCESSED);
    String caseId = (String) support.row(first).get("case_id");

    // The new case waits in intake: its process has no subscription for interactions yet.
    String second = support.accept(support.message(account, from, "second, during intake")).messageId();
    assertThat(processor.process(second)).isEqualTo(Outcome.PARKED);
    Map<String, Object> parked = support.row(second);
    assertThat(parked.get("state")).isEqualTo("RECEIVED");
    assertThat(parked.get("case_id")).isEqualTo(caseId);
    assertThat(parked.get("error_code")).isEqualTo("PROCESS_NOT_WAITING");
    assertThat(parked.get("next_attempt_at")).isNotNull();
    assertThat(support.body(second)).isEqualTo("second, during intake");

    completeIntake(caseId);
    assertThat(processor.process(second)).isEqualTo(Outcome.PROCESSED);

    List<CaseChangeLog.Entry> history = changeLog.list(caseId);
    assertThat(history).anySatisfy(e -> {
      assertThat(e.changeType()).isEqualTo("INTERACTION_RECORDED");
      assertThat(e.detail()).isEqualTo(second);
    });
    assertThat(support.row(second).get("state")).isEqualTo("PROCESSED");
  }

  @Test
  void phoneNumbersWrittenInAnyFormResolveToOneContactAcrossSmsAndWhatsApp() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount sms = support.account(tenant, Channel.SMS, null);
    ChannelAccount whatsapp = support.account(tenant, Channel.WHATSAPP, null);
    PhoneNumber example = PhoneNumberUtil.getInstance().getExampleNumberForType("GB", PhoneNumberType.MOBILE);
    String e164 = PhoneNumberUtil.getInstance().format(example, PhoneNumberFormat.E164);
    String national = PhoneNumberUtil.getInstance().format(example, PhoneNumberFormat.NATIONAL);
    String international = PhoneNumberUtil.getInstance().format(example, PhoneNumberFormat.INTERNATIONAL);
    List<String> ids = new ArrayList<>();
    ids.add(support.accept(support.message(sms, e164, "a")).messageId());
    ids.add(support.accept(support.message(sms, national, "b")).messageId());
    ids.add(support.accept(support.message(sms, international, "c")).messageId());
    ids.add(support.accept(support.message(sms, "00" + e164.substring(1), "d")).messageId());
    ids.add(support.accept(support.message(whatsapp, e164.substring(1), "e")).messageId());
    ids.add(support.accept(support.message(whatsapp, "whatsapp:" + e164, "f")).messageId());
    ids.forEach(processor::process);

    Set<Object> contacts = ids.stream().map(id -> support.row(id).get("contact_id")).collect(Collectors.toSet());
    assertThat(contacts).hasSize(1).doesNotContainNull();
    List<Map<String, Object>> identities = jdbc.sql("SELECT kind, handle, handle_index FROM contact_identity "
        + "WHERE tenant_id = :t").param("t", tenant).query().listOfRows();
    assertThat(identities).hasSize(1);
    assertThat(identities.get(0).get("kind")).isEqualTo("PHONE");
    assertThat((String) identities.get(0).get("handle")).doesNotContain(e164.substring(3));
    assertThat((String) identities.get(0).get("handle_index")).startsWith("psn_");
    // One contact with two conversations (one per account) on one open case.
    assertThat(jdbc.sql("SELECT COUNT(DISTINCT case_id) FROM message WHERE tenant_id = :t").param("t", tenant)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM conversation WHERE tenant_id = :t").param("t", tenant)
        .query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void anEmailReplyJoinsTheCaseOfTheMessageItRepliesToAndOtherEmailsStartTheirOwn() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount mailbox = support.account(tenant, Channel.EMAIL, null);
    String original = support.accept(support.email(mailbox, "<m1-" + tenant + "@mail.example>",
        "Ana <Ana@Example.org>", "Help", "first", null, List.of())).messageId();
    processor.process(original);
    String caseId = (String) support.row(original).get("case_id");

    // Someone else in the thread (a different address, so a different contact) replies: the thread decides.
    String reply = support.accept(support.email(mailbox, "<m2-" + tenant + "@mail.example>", "ben@example.org",
        "Re: Help", "reply", "<m1-" + tenant + "@mail.example>", List.of("<m1-" + tenant + "@mail.example>")))
        .messageId();
    processor.process(reply);
    assertThat(support.row(reply).get("case_id")).isEqualTo(caseId);
    assertThat(support.row(reply).get("contact_id")).isNotEqualTo(support.row(original).get("contact_id"));

    // Same sender, written differently, no thread: the contact's open case.
    String again = support.accept(support.email(mailbox, "<m3-" + tenant + "@mail.example>", "ANA@example.ORG",
        "Another thing", "new mail", null, List.of())).messageId();
    processor.process(again);
    assertThat(support.row(again).get("contact_id")).isEqualTo(support.row(original).get("contact_id"));
    assertThat(support.row(again).get("case_id")).isEqualTo(caseId);

    // A stranger with no thread: a new case.
    String stranger = support.accept(support.email(mailbox, "<m4-" + tenant + "@mail.example>", "cy@example.org",
        "Hello", "new", null, List.of())).messageId();
    processor.process(stranger);
    assertThat(support.row(stranger).get("case_id")).isNotNull().isNotEqualTo(caseId);
  }

  @Test
  void aMessageForAClosedCaseReopensItWithinItsReopenWindow() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null);
    String from = mobile();
    String first = support.accept(support.message(account, from, "first")).messageId();
    processor.process(first);
    String caseId = (String) support.row(first).get("case_id");
    // Still in intake, so no team yet: a tenant administrator closes it.
    ApiClient admin = fixtures.as(fixtures.user(tenant, "tenant-admins"));
    ApiClient.Response closed = admin.post("/api/v1/cases/" + caseId + "/close", Map.of("reason", "DUPLICATE"));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

    String later = support.accept(support.message(account, from, "me again")).messageId();
    Outcome outcome = processor.process(later);

    assertThat(support.row(later).get("case_id")).isEqualTo(caseId);
    assertThat(cases.findById(caseId).orElseThrow().status()).isNotEqualTo(CaseStatus.CLOSED);
    assertThat(outcome).isIn(Outcome.PROCESSED, Outcome.PARKED);
  }

  @Test
  void mediaInHandBecomesACaseDocumentAndTheAttachmentNamesIt() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.WEBCHAT, null);
    byte[] content = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    String id = support.accept(support.withMedia(account, "visitor-" + tenant, "see attached",
        new InboundMessage.Media(null, "application/pdf", "letter.pdf", content))).messageId();
    Map<String, Object> pending = jdbc.sql("SELECT * FROM message_attachment WHERE message_id = :m").param("m", id)
        .query().singleRow();
    assertThat(pending.get("state")).isEqualTo("PENDING");
    assertThat((String) pending.get("media_url")).startsWith("v1:");

    processor.process(id);

    Map<String, Object> stored = jdbc.sql("SELECT * FROM message_attachment WHERE message_id = :m").param("m", id)
        .query().singleRow();
    assertThat(stored.get("state")).as(stored.toString()).isEqualTo("STORED");
    assertThat(jdbc.sql("SELECT case_id FROM document WHERE id = :d").param("d", stored.get("document_id"))
        .query(String.class).single()).isEqualTo(support.row(id).get("case_id"));
    assertThat(stored.get("media_url")).isNull();
    assertThat(support.row(id).get("state")).isEqualTo("PROCESSED");
  }

  @Test
  void mediaAtAProviderUrlIsFetchedThroughTheProvidersFetcherAndRetriedWhenTheFetchFails() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null, FlakyTestMediaFetcher.PROVIDER);
    String url = "https://media.example/" + tenant + "/ME1";
    String id = support.accept(support.withMedia(account, mobile(), "voice note",
        new InboundMessage.Media(url, "audio/ogg", null, null))).messageId();
    ChannelAccount unsupported = support.account(tenant, Channel.SMS, null, "twilio");
    String orphan = support.accept(support.withMedia(unsupported, mobile(), "no fetcher",
        new InboundMessage.Media("https://media.example/x", "image/png", null, null))).messageId();

    assertThat(processor.process(id)).isEqualTo(Outcome.RETRY);
    assertThat(support.row(id).get("case_id")).isNotNull();
    assertThat(processor.process(id)).isEqualTo(Outcome.PROCESSED);
    Map<String, Object> attachment = jdbc.sql("SELECT * FROM message_attachment WHERE message_id = :m")
        .param("m", id).query().singleRow();
    assertThat(attachment.get("state")).isEqualTo("STORED");
    assertThat(attachment.get("document_id")).isNotNull();

    assertThat(processor.process(orphan)).isEqualTo(Outcome.PROCESSED);
    assertThat(jdbc.sql("SELECT state FROM message_attachment WHERE message_id = :m").param("m", orphan)
        .query(String.class).single()).isEqualTo("FAILED");
  }

  @Test
  void aMessageOnAMissingCaseTypeIsRetriedWithBackoffAndFailsAfterTheConfiguredAttempts() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.WEBCHAT, "no-such-type");
    String id = support.accept(support.message(account, "visitor-" + tenant, "hello")).messageId();

    assertThat(processor.process(id)).isEqualTo(Outcome.RETRY);
    Map<String, Object> row = support.row(id);
    assertThat(row.get("attempts")).isEqualTo(1);
    assertThat(row.get("error_code")).isEqualTo("PROCESSING_ERROR");
    assertThat(row.get("case_id")).isNull();
    assertThat(row.get("next_attempt_at")).isNotNull();
    Outcome last = Outcome.RETRY;
    for (int i = 0; i < 30 && last == Outcome.RETRY; i++) {
      last = processor.process(id);
    }
    assertThat(last).isEqualTo(Outcome.FAILED);
    assertThat(support.row(id).get("state")).isEqualTo("FAILED");
  }

  @Test
  void aKeyRotationReencryptsStoredMessagesAndTheyStillRead() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.WEBCHAT, null);
    String processed = support.accept(support.message(account, "visitor-" + tenant, "before rotation")).messageId();
    processor.process(processed);
    String waiting = support.accept(support.message(account, "other-" + tenant, "not processed yet")).messageId();
    String oldCaseKey = keyId((String) support.row(processed).get("body"));
    String oldInboundKey = keyId((String) support.row(waiting).get("body"));

    ApiClient admin = fixtures.as(fixtures.admin());
    assertThat(admin.post("/api/v1/admin/keys/" + tenant + "/rotate", Map.of("dataKeys", true)).status())
        .isEqualTo(200);

    assertThat(keyId((String) support.row(processed).get("body"))).isNotEqualTo(oldCaseKey);
    assertThat(keyId((String) support.row(waiting).get("body"))).isNotEqualTo(oldInboundKey);
    assertThat(support.body(processed)).isEqualTo("before rotation");
    assertThat(support.body(waiting)).isEqualTo("not processed yet");
    assertThat(processor.process(waiting)).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void anErasedContactWritingAgainBecomesANewContactAndTheOldMessagesLoseTheirContent() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null);
    String from = mobile();
    String first = support.accept(support.message(account, from, "please forget me")).messageId();
    processor.process(first);
    String contactId = (String) support.row(first).get("contact_id");

    ApiClient admin = fixtures.as(fixtures.admin());
    ApiClient.Response erased = admin.post("/api/v1/contacts/" + contactId + "/erase", Map.of("reason", "Art. 17"));
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_identity WHERE contact_id = :c").param("c", contactId)
        .query(Long.class).single()).isZero();
    assertThat(support.row(first).get("body")).isNull();

    String again = support.accept(support.message(account, from, "hello again")).messageId();
    assertThat(processor.process(again)).isEqualTo(Outcome.PROCESSED);
    assertThat(support.row(again).get("contact_id")).isNotNull().isNotEqualTo(contactId);
    assertThat(support.row(again).get("case_id")).isNotEqualTo(support.row(first).get("case_id"));
  }

  private static String keyId(String ciphertext) {
    return ciphertext.split(":")[1];
  }

  private void completeIntake(String caseId) {
    CaseRecord c = cases.findById(caseId).orElseThrow();
    Task intake = taskService.createTaskQuery().processInstanceId(c.processInstanceId())
        .taskDefinitionKey(Elements.TASK_COMPLETE_INTAKE).singleResult();
    taskService.complete(intake.getId(), Map.of(Variables.CATEGORY, "general", Variables.IMMEDIATE_DANGER, false,
        Variables.SELF_HARM_RISK, false, Variables.CHILD_AT_RISK, false));
    for (Job job : managementService.createJobQuery().processInstanceId(c.processInstanceId()).executable().list()) {
      managementService.executeJob(job.getId());
    }
  }

  private String keySubject(String ciphertext) {
    String keyId = ciphertext.split(":")[1];
    Map<String, Object> key = jdbc.sql("SELECT subject_type, subject_id FROM data_key WHERE id = :id")
        .param("id", keyId).query().singleRow();
    return key.get("subject_type") + ":" + key.get("subject_id");
  }

  private static String mobile() {
    return "+4915" + (100_000_000L + (long) (Math.random() * 800_000_000L));
  }

  private static <T> List<T> all(ExecutorService pool, int n, Callable<T> call) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }
}
