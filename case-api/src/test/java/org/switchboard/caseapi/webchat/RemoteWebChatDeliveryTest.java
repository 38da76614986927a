package org.switchboard.caseapi.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.remote.HttpWebChatSender;

/**
 * Web chat replies sent by a remote worker: the worker claims the message like any other, then hands it back to
 * case-api over HTTP as a service account, and the visitor's socket receives it.
 */
@SwitchboardTest
class RemoteWebChatDeliveryTest {

  @Autowired TestFixtures fixtures;
  @Autowired WebChatTestSupport chat;
  @Autowired InboundProcessor processor;
  @Autowired OutboundMessages ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void aRemoteWorkersReplyReachesTheWidgetThroughCaseApi() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.user(tenant, Roles.AGENTS, Roles.TENANT_ADMINS);
    ChannelAccount account = chat.account(tenant, Map.of());
    WebChatTestSupport.Connected c = chat.open(account);
    try (ChatSocket widget = c.socket()) {
      widget.send(Map.of("type", "message", "clientId", "r-1", "text", "Is anyone there?"));
      String inboundId = widget.await("ack").path("messageId").asText();
      assertThat(processor.process(inboundId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
      Map<String, Object> inbound = jdbc.sql("SELECT case_id, contact_id FROM message WHERE id = :id")
          .param("id", inboundId).query().singleRow();

      ApiClient.Response sent = fixtures.as(agent).post("/api/v1/communications/webchat/send", Map.of(
          "caseId", inbound.get("case_id"), "recipient", Map.of("contactId", inbound.get("contact_id")),
          "text", "Yes, I am here."));
      assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
      String replyId = sent.json().path("id").asText();
      OutboundMessages.Claim claim = ledger.claim(replyId, "remote-job-1");
      assertThat(claim).isInstanceOf(OutboundMessages.Claim.Ready.class);
      var message = ((OutboundMessages.Claim.Ready) claim).message();

      SendReceipt receipt = remoteSender(fixtures.user(tenant, Roles.SERVICE_ACCOUNTS)).send(message);

      assertThat(receipt.state()).isEqualTo(DeliveryState.SENT);
      assertThat(widget.await(f -> "message".equals(f.path("type").asText())
          && replyId.equals(f.path("messageId").asText())).path("text").asText()).isEqualTo("Yes, I am here.");

      // Another organisation's worker account cannot deliver it: nothing reaches the visitor.
      SendRefusedException refused = catchThrowableOfType(() -> remoteSender(
          fixtures.user(fixtures.tenant("generic"), Roles.SERVICE_ACCOUNTS)).send(message), SendRefusedException.class);
      assertThat(refused.code()).isEqualTo("CHANNEL_NOT_CONFIGURED");
    }
  }

  private HttpWebChatSender remoteSender(String serviceAccount) {
    RestClient http = RestClient.builder().baseUrl(fixtures.baseUrl())
        .defaultHeaders(h -> h.setBasicAuth(serviceAccount, TestFixtures.PASSWORD)).build();
    return new HttpWebChatSender(http);
  }
}
