package org.switchboard.caseapi.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocketHandshakeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.RotateTenantKeysUseCase;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.ChannelAccount;

/** Pages, sessions, tokens, origins and de-duplication of the web chat on PostgreSQL with a real socket client. */
@SwitchboardTest
class WebChatSessionTest {

  @Autowired TestFixtures fixtures;
  @Autowired WebChatTestSupport chat;
  @Autowired JdbcClient jdbc;
  @Autowired RotateTenantKeysUseCase rotation;

  @Test
  void thePageAndTheWidgetAreServedWithStrictHeadersAndTheAccountsSettings() {
    ChannelAccount account = chat.account(fixtures.tenant("generic"), Map.of());
    ApiClient visitor = fixtures.anonymous();

    ApiClient.Response page = visitor.get("/chat?account=" + account.address());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    String csp = page.header("Content-Security-Policy");
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "form-action 'none'",
        "frame-ancestors 'self' " + WebChatTestSupport.PARTNER).doesNotContain("unsafe-inline");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.text()).contains("<title>Talk to us</title>", "Quick exit",
        "\"exitUrl\":\"https://weather.example/today\"").doesNotContain("<script>");

    ApiClient.Response widget = visitor.get("/chat/widget.js");
    assertThat(widget.status()).isEqualTo(200);
    assertThat(widget.header("Content-Type")).startsWith("text/javascript");
    assertThat(widget.text()).contains("switchboard-chat-exit", "location.replace");
    assertThat(visitor.get("/chat/assets/chat.js").text()).contains("location.replace", "sendBeacon");
    assertThat(visitor.get("/chat/assets/chat.css").status()).isEqualTo(200);

    assertThat(visitor.get("/chat?account=no-such-chat").status()).isEqualTo(404);
    // A fresh install: the default tenant's built-in chat, no configuration.
    ApiClient.Response builtIn = visitor.get("/chat");
    assertThat(builtIn.status()).isEqualTo(200);
    assertThat(builtIn.text()).contains("\"account\":\"default\"");
  }

  @Test
  void thePreChatFormIsValidatedPerAccountAndOnlyTheTokensHashIsStored() {
    ChannelAccount account = chat.account(fixtures.tenant("generic"), Map.of(
        WebChatAccount.NICKNAME, "required", WebChatAccount.CONSENT, "required",
        WebChatAccount.TOPIC, "optional", WebChatAccount.TOPICS, "Housing|Money|Something else"));
    ApiClient visitor = fixtures.anonymous();

    ApiClient.Response refused = visitor.post("/chat/sessions",
        Map.of("account", account.address(), "topic", "Cats", "consent", false));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("nickname", "topic", "consent");
    assertThat(sessionsOf(account)).isZero();

    ApiClient.Response started = visitor.post("/chat/sessions",
        Map.of("account", account.address(), "nickname", "  Sam ", "topic", "Housing", "consent", true));

    assertThat(started.status()).isEqualTo(201);
    assertThat(started.header("Cache-Control")).contains("no-store");
    String token = started.json().path("token").asText();
    String sessionId = started.json().path("sessionId").asText();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
    Map<String, Object> row = jdbc.sql("SELECT * FROM webchat_session WHERE id = :id").param("id", sessionId)
        .query().singleRow();
    assertThat(row.get("token_hash")).isEqualTo(WebChatSessions.hash(token));
    assertThat(row.get("consent_at")).isNotNull();
    assertThat((String) row.get("prechat")).startsWith("v1:").doesNotContain("Sam", "Housing");
    assertThat(row.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(token));
  }

  @Test
  void forgedEndedAndExpiredTokensAreRefusedAndAudited() {
    ChannelAccount account = chat.account(fixtures.tenant("generic"), Map.of());

    try (ChatSocket forged = chat.connect(account)) {
      forged.auth("forged-" + WebChatSessions.newToken());
      assertThat(forged.await("error").path("code").asText()).isEqualTo("unauthorized");
      assertThat(forged.closeCode()).isEqualTo(4401);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND object_id = :id")
        .param("a", WebChatAudit.TOKEN_REFUSED).param("id", account.id()).query(Integer.class).single())
        .isPositive();

    // Another account's valid token does not open this account's chat.
    ChannelAccount other = chat.account(fixtures.tenant("generic"), Map.of());
    JsonNode foreign = chat.start(other, Map.of());
    try (ChatSocket crossed = chat.connect(account)) {
      crossed.auth(foreign.path("token").asText());
      assertThat(crossed.closeCode()).isEqualTo(4401);
    }

    JsonNode idle = chat.start(account, Map.of());
    jdbc.sql("UPDATE webchat_session SET last_seen_at = :t WHERE id = :id")
        .param("t", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3))
        .param("id", idle.path("sessionId").asText()).update();
    try (ChatSocket expired = chat.connect(account)) {
      expired.auth(idle.path("token").asText());
      assertThat(expired.closeCode()).isEqualTo(4401);
    }
    assertThat(jdbc.sql("SELECT end_reason FROM webchat_session WHERE id = :id")
        .param("id", idle.path("sessionId").asText()).query(String.class).single())
        .isEqualTo(WebChatSessions.EXPIRED);

    // A socket that never sends its token is not kept open (auth timeout, 10 s by default).
    try (ChatSocket silent = chat.connect(account)) {
      assertThat(silent.closeCode()).isEqualTo(4408);
    }
  }

  @Test
  void socketsFromOriginsTheAccountDoesNotAllowAreRefusedAtTheHandshake() {
    ChannelAccount account = chat.account(fixtures.tenant("generic"), Map.of());
    String base = fixtures.baseUrl();

    for (String origin : new String[] {"https://evil.example", "null", null}) {
      assertThatThrownBy(() -> ChatSocket.connect(base, account.address(), origin))
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(WebSocketHandshakeException.class)
          .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND object_id = :id")
        .param("a", WebChatAudit.ORIGIN_REFUSED).param("id", account.id()).query(Integer.class).single())
        .isEqualTo(3);

    JsonNode started = chat.start(account, Map.of());
    try (ChatSocket partner = ChatSocket.connect(base, account.address(), WebChatTestSupport.PARTNER)) {
      partner.auth(started.path("token").asText());
      assertThat(partner.await("ready").path("sessionId").asText()).isEqualTo(started.path("sessionId").asText());
    }

    ApiClient.Response crossSite = fixtures.anonymous().send(fixtures.anonymous().request("/chat/sessions")
        .header("Content-Type", "application/json").header("Origin", "https://evil.example")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"account\":\"" + account.address() + "\"}")));
    assertThat(crossSite.status()).isEqualTo(403);
  }

  @Test
  void aResentMessageIsStoredOnceAndAcknowledgedWithTheSameId() {
    ChannelAccount account = chat.account(fixtures.tenant("generic"), Map.of());
    WebChatTestSupport.Connected c = chat.open(account);
    try (ChatSocket socket = c.socket()) {
      socket.send(Map.of("type", "message", "clientId", "c-1", "text", "Hello, is anyone there?"));
      JsonNode first = socket.await(f -> "ack".equals(f.path("type").asText()));
      socket.send(Map.of("type", "message", "clientId", "c-1", "text", "Hello, is anyone there?"));
      JsonNode second = socket.await(f -> "ack".equals(f.path("type").asText()) && f.path("duplicate").asBoolean());

      assertThat(first.path("duplicate").asBoolean()).isFalse();
      assertThat(second.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
      assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE channel = 'WEBCHAT' AND provider_message_id = :p")
          .param("p", c.sessionId() + ":c-1").query(Integer.class).single()).isEqualTo(1);

      socket.send(Map.of("type", "message", "clientId", "bad id!", "text", "x"));
      assertThat(socket.await("error").path("code").asText()).isEqualTo("invalid_client_id");
    }

    // Reconnecting with the same token shows the conversation so far.
    try (ChatSocket again = chat.connect(account).auth(c.token())) {
      List<JsonNode> history = again.await("ready").path("history").findParents("messageId");
      assertThat(history).hasSize(1);
      assertThat(history.get(0).path("text").asText()).isEqualTo("Hello, is anyone there?");
      assertThat(history.get(0).path("from").asText()).isEqualTo("visitor");
    }
  }

  @Test
  void endingTheSessionForgetsItsCopyOfTheConversationAndItsToken() {
    ChannelAccount account = chat.account(fixtures.tenant("generic"), Map.of());
    WebChatTestSupport.Connected c = chat.open(account);
    try (ChatSocket socket = c.socket()) {
      socket.send(Map.of("type", "message", "clientId", "c-1", "text", "Please call me back"));
      socket.await("ack");

      // What the quick exit's sendBeacon posts: the bare token as text.
      ApiClient.Response end = fixtures.anonymous().send(fixtures.anonymous().request("/chat/sessions/end")
          .header("Content-Type", "text/plain;charset=UTF-8")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(c.token())));

      assertThat(end.status()).isEqualTo(204);
      socket.await("ended");
      assertThat(socket.closeCode()).isEqualTo(4409);
    }
    Map<String, Object> row = jdbc.sql("SELECT * FROM webchat_session WHERE id = :id").param("id", c.sessionId())
        .query().singleRow();
    assertThat(row.get("end_reason")).isEqualTo(WebChatSessions.EXIT);
    assertThat(row.get("prechat")).isNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM webchat_entry WHERE session_id = :s").param("s", c.sessionId())
        .query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM data_key WHERE subject_type = 'WEBCHAT' AND subject_id = :s")
        .param("s", c.sessionId()).query(Integer.class).single()).isZero();
    try (ChatSocket after = chat.connect(account)) {
      after.auth(c.token());
      assertThat(after.closeCode()).isEqualTo(4401);
    }
  }

  @Test
  void aKeyRotationReEncryptsTheSessionsCiphertextsAndTheyStillRead() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = chat.account(tenant, Map.of());
    WebChatTestSupport.Connected c = chat.open(account);
    String before;
    try (ChatSocket socket = c.socket()) {
      socket.send(Map.of("type", "message", "clientId", "c-1", "text", "Before the rotation"));
      socket.await("ack");
      before = jdbc.sql("SELECT body FROM webchat_entry WHERE session_id = :s").param("s", c.sessionId())
          .query(String.class).single();
    }

    rotation.rotate(tenant, true, "test", null, null);

    String after = jdbc.sql("SELECT body FROM webchat_entry WHERE session_id = :s").param("s", c.sessionId())
        .query(String.class).single();
    assertThat(FieldCipher.keyIdOf(after)).isPresent().isNotEqualTo(FieldCipher.keyIdOf(before));
    String prechat = jdbc.sql("SELECT prechat FROM webchat_session WHERE id = :s").param("s", c.sessionId())
        .query(String.class).single();
    assertThat(FieldCipher.keyIdOf(prechat)).isEqualTo(FieldCipher.keyIdOf(after));
    try (ChatSocket again = chat.connect(account).auth(c.token())) {
      assertThat(again.await("ready").path("history").findValuesAsText("text"))
          .containsExactly("Before the rotation");
    }
  }

  private int sessionsOf(ChannelAccount account) {
    return jdbc.sql("SELECT COUNT(*) FROM webchat_session WHERE account_id = :a").param("a", account.id())
        .query(Integer.class).single();
  }
}
