package org.switchboard.caseapi.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** {@code POST /webhooks/email}: signed mail is stored like polled mail; unsigned, forged or unconfigured is not. */
@SwitchboardTest
class EmailWebhookTest {

  private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Autowired TestFixtures fixtures;
  @Autowired ChannelAccountRepository accountRepository;
  @Autowired JdbcChannelAccounts accounts;
  @Autowired InboundProcessor processor;
  @Autowired MessageCipher cipher;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper mapper;
  @Autowired Clock clock;

  @Test
  void signedMailIsStoredOnceAndBecomesACaseWithItsAttachment() throws Exception {
    String tenant = fixtures.tenant("generic");
    String secret = "whsec-" + UUID.randomUUID();
    ChannelAccount account = mailbox(tenant, secret);
    String messageId = "<" + UUID.randomUUID() + "@mail.example.net>";
    byte[] body = json(Map.of(
        "from", "Ann Example <ann-" + tenant + "@example.net>",
        "to", "Help <" + account.address() + ">",
        "subject", "Parsed by the provider",
        "html", "<p>Hello,</p><p>see attached.</p>",
        "headers", "Message-ID: " + messageId + "\nIn-Reply-To: <nothing-we-sent@example.org>\nX-Other: 1",
        "attachments", List.of(Map.of("filename", "scan.pdf", "contentType", "application/pdf",
            "content", Base64.getEncoder().encodeToString(PDF)))));

    ApiClient.Response first = post(body, WebhookSignature.sign(secret, body));
    ApiClient.Response again = post(body, WebhookSignature.sign(secret, body));

    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.json().get("duplicate").asBoolean()).isFalse();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    String id = first.json().get("messageId").asText();
    assertThat(again.json().get("messageId").asText()).isEqualTo(id);
    Map<String, Object> row = row(id);
    assertThat(row.get("provider_message_id")).isEqualTo(messageId);
    assertThat(row.get("account_id")).isEqualTo(account.id());
    assertThat(open(row, "body")).isEqualTo("Hello,\n\nsee attached.");

    assertThat(processor.process(id)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    String caseId = (String) row(id).get("case_id");
    assertThat(jdbc.sql("SELECT file_name FROM document WHERE case_id = :c").param("c", caseId)
        .query(String.class).list()).containsExactly("scan.pdf");
  }

  @Test
  void forgedUnsignedAndUnconfiguredRequestsAreRefusedAndRecorded() throws Exception {
    String tenant = fixtures.tenant("generic");
    String secret = "whsec-" + UUID.randomUUID();
    ChannelAccount account = mailbox(tenant, secret);
    byte[] body = json(Map.of("from", "mallory@example.com", "to", account.address(), "subject", "x",
        "text", "forged", "headers", Map.of("Message-ID", "<" + UUID.randomUUID() + "@example.com>")));
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("forged", "f0rged")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(post(body, WebhookSignature.sign("not-the-secret", body)).status()).isEqualTo(403);
    assertThat(post(tampered, WebhookSignature.sign(secret, body)).status()).isEqualTo(403);
    assertThat(post(body, "sha256=zz").status()).isEqualTo(403);
    assertThat(post(body, null).status()).isEqualTo(403);

    // A mailbox without a webhook secret (and no EMAIL_WEBHOOK_SECRET) refuses everything, signed or not.
    ChannelAccount unconfigured = mailbox(tenant, null);
    byte[] other = json(Map.of("from", "ann@example.net", "to", unconfigured.address(), "text", "hi"));
    assertThat(post(other, WebhookSignature.sign("guessed", other)).status()).isEqualTo(403);

    assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE account_id IN (:a)")
        .param("a", List.of(account.id(), unconfigured.id())).query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT details FROM audit_event WHERE action = 'WEBHOOK_REFUSED' AND tenant_id = :t"
            + " ORDER BY seq").param("t", tenant).query(String.class).list())
        .hasSize(5)
        .satisfies(d -> assertThat(d.get(0)).contains("BAD_SIGNATURE").contains("email").doesNotContain("mallory"))
        .satisfies(d -> assertThat(d.get(1)).contains("BAD_SIGNATURE"))
        .satisfies(d -> assertThat(d.get(2)).contains("BAD_SIGNATURE"))
        .satisfies(d -> assertThat(d.get(3)).contains("UNSIGNED"))
        .satisfies(d -> assertThat(d.get(4)).contains("SECRET_MISSING"));
  }

  private ApiClient.Response post(byte[] body, String signature) {
    HttpRequest.Builder request = fixtures.anonymous().request("/webhooks/email")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    return fixtures.anonymous().send(request);
  }

  private ChannelAccount mailbox(String tenant, String secret) {
    String address = "inbox-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Map<String, String> secretRefs = new HashMap<>();
    if (secret != null) {
      String variable = "EMAIL_TEST_WEBHOOK_SECRET_" + UUID.randomUUID().toString().replace("-", "");
      System.setProperty(variable, secret);
      secretRefs.put("webhookSecret", variable);
    }
    ChannelAccount account = new ChannelAccount(UUID.randomUUID().toString(), tenant, Channel.EMAIL, "smtp", address,
        null, Map.of(), secretRefs);
    Instant now = clock.instant();
    accountRepository.insert(new StoredAccount(account, true, now, now));
    accounts.evictAll();
    return account;
  }

  private byte[] json(Object value) throws Exception {
    return mapper.writeValueAsBytes(value);
  }

  private Map<String, Object> row(String messageId) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id").param("id", messageId).query().singleRow();
  }

  private String open(Map<String, Object> row, String field) {
    return cipher.open(MessageCipher.MESSAGE, (String) row.get("id"), field, (String) row.get("tenant_id"),
        (String) row.get(field));
  }
}
