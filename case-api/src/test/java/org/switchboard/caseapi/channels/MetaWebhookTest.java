package org.switchboard.caseapi.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.channels.WebhookTestSupport.metaSignature;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFiles;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** Meta's webhook (WhatsApp Cloud API, Messenger, Instagram) on PostgreSQL; WireMock stands in for the Graph API. */
@SwitchboardTest
class MetaWebhookTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static WireMockServer graph;

  @Autowired TestFixtures fixtures;
  @Autowired WebhookTestSupport support;
  @Autowired InboundProcessor processor;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  private String tenant;
  private String appSecret;
  private ChannelAccount whatsapp;

  @BeforeAll
  static void startGraph() {
    graph = new WireMockServer(wireMockConfig().dynamicPort());
    graph.start();
  }

  @AfterAll
  static void stopGraph() {
    graph.stop();
  }

  @BeforeEach
  void account() {
    tenant = fixtures.tenant("generic");
    appSecret = "app-secret-" + UUID.randomUUID();
    whatsapp = support.account(tenant, Channel.WHATSAPP, "meta", digits(15),
        Map.of("baseUrl", graph.baseUrl()), Map.of("appSecret", appSecret, "accessToken", "wa-token-" + tenant));
  }

  @Test
  void theHandshakeEchoesTheChallengeOnlyForTheRightVerifyToken() throws Exception {
    HttpResponse<String> ok = call("/webhooks/meta?hub.mode=subscribe&hub.verify_token=test-meta-verify-token"
        + "&hub.challenge=1158201444");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");

    long before = support.refusalCount();
    assertThat(call("/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode())
        .isEqualTo(403);
    assertThat(call("/webhooks/meta?hub.mode=unsubscribe&hub.verify_token=test-meta-verify-token&hub.challenge=1")
        .statusCode()).isEqualTo(403);
    assertThat(call("/webhooks/meta").statusCode()).isEqualTo(403);
    assertThat(support.refusalCount()).isEqualTo(before + 3);

    // A callback URL naming an account uses that account's own verify token.
    ChannelAccount own = support.account(tenant, Channel.WHATSAPP, "meta", digits(15), Map.of(),
        Map.of("verifyToken", "tenant-verify-token", "appSecret", appSecret));
    assertThat(call("/webhooks/meta?account=" + own.id() + "&hub.mode=subscribe&hub.verify_token=tenant-verify-token"
        + "&hub.challenge=42").body()).isEqualTo("42");
    assertThat(call("/webhooks/meta?account=" + own.id() + "&hub.mode=subscribe"
        + "&hub.verify_token=test-meta-verify-token&hub.challenge=42").statusCode()).isEqualTo(403);
    assertThat(support.refusals(own.id())).singleElement()
        .satisfies(e -> assertThat((String) e.get("details")).contains("VERIFY_TOKEN_MISMATCH"));
  }

  @Test
  void aSignedWhatsAppTextAndItsImageAreStoredAndTheImageFetchedByMediaId() throws Exception {
    String wamid = "wamid." + UUID.randomUUID();
    String mediaId = digits(16);
    String image = """
        {"from":"447700900200","id":"%s","timestamp":"1795683600","type":"image",
         "image":{"caption":"the letter","mime_type":"image/png","sha256":"abc","id":"%s"}}"""
        .formatted(wamid, mediaId);
    byte[] body = whatsAppNotification(whatsapp.address(), "[" + image + "]", "[]").getBytes(StandardCharsets.UTF_8);
    graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"url\":\"" + graph.baseUrl() + "/whatsapp_business/attachments/?mid=" + mediaId
            + "\",\"mime_type\":\"image/png\",\"file_size\":100,\"id\":\"" + mediaId
            + "\",\"messaging_product\":\"whatsapp\"}")));
    graph.stubFor(get(urlEqualTo("/whatsapp_business/attachments/?mid=" + mediaId)).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "image/png").withBody(TestFiles.png())));

    HttpResponse<String> response = post(body, metaSignature(appSecret, body));

    assertThat(response.statusCode()).isEqualTo(200);
    List<Map<String, Object>> stored = support.messages(Channel.WHATSAPP, wamid);
    assertThat(stored).singleElement().satisfies(m -> assertThat(m.get("account_id")).isEqualTo(whatsapp.id()));
    String messageId = (String) stored.get(0).get("id");
    assertThat(processor.process(messageId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    assertThat(jdbc.sql("SELECT a.state FROM message_attachment a JOIN document d ON d.id = a.document_id"
        + " WHERE a.message_id = :id").param("id", messageId).query(String.class).list()).containsExactly("STORED");
    graph.verify(getRequestedFor(urlEqualTo("/v21.0/" + mediaId))
        .withHeader("Authorization", equalTo("Bearer wa-token-" + tenant)));
    graph.verify(getRequestedFor(urlEqualTo("/whatsapp_business/attachments/?mid=" + mediaId))
        .withHeader("Authorization", equalTo("Bearer wa-token-" + tenant)));
  }

  @Test
  void whatsAppStatusesMoveOutboundMessagesForwardOnly() throws Exception {
    String wamid = "wamid." + UUID.randomUUID();
    String messageId = support.outbound(whatsapp, wamid, "QUEUED");

    notifyStatus(wamid, "delivered", 1795683700L);
    notifyStatus(wamid, "sent", 1795683650L);
    assertThat(support.state(messageId)).isEqualTo("DELIVERED");
    notifyStatus(wamid, "read", 1795683800L);
    notifyStatus(wamid, "failed", 1795683900L);
    assertThat(support.state(messageId)).isEqualTo("READ");
  }

  @Test
  void messengerAndInstagramMessagesReachTheirAccounts() throws Exception {
    ChannelAccount page = support.account(tenant, Channel.MESSENGER, "meta", digits(15), Map.of(),
        Map.of("appSecret", appSecret, "accessToken", "page-token"));
    ChannelAccount instagram = support.account(tenant, Channel.INSTAGRAM, "meta", digits(17), Map.of(),
        Map.of("appSecret", appSecret, "accessToken", "page-token"));
    String mid = "m_" + UUID.randomUUID();
    String igMid = "aWdfZAG1_" + UUID.randomUUID();
    String echo = "m_echo_" + UUID.randomUUID();
    byte[] messenger = ("""
        {"object":"page","entry":[{"id":"%s","time":1795683600000,"messaging":[
          {"sender":{"id":"6942001"},"recipient":{"id":"%s"},"timestamp":1795683600000,
           "message":{"mid":"%s","text":"I need to talk to someone",
             "attachments":[{"type":"image","payload":{"url":"%s/cdn/photo.png"}}]}},
          {"sender":{"id":"%s"},"recipient":{"id":"6942001"},"timestamp":1795683600001,
           "message":{"mid":"%s","is_echo":true,"text":"our own reply"}}]}]}""")
        .formatted(page.address(), page.address(), mid, graph.baseUrl(), page.address(), echo)
        .getBytes(StandardCharsets.UTF_8);
    byte[] ig = ("""
        {"object":"instagram","entry":[{"id":"%s","time":1795683600000,"messaging":[
          {"sender":{"id":"7531"},"recipient":{"id":"%s"},"timestamp":1795683600000,
           "message":{"mid":"%s","text":"hi from instagram"}}]}]}""")
        .formatted(instagram.address(), instagram.address(), igMid).getBytes(StandardCharsets.UTF_8);
    graph.stubFor(get(urlEqualTo("/cdn/photo.png")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "image/png").withBody(TestFiles.png())));

    assertThat(post(messenger, metaSignature(appSecret, messenger)).statusCode()).isEqualTo(200);
    assertThat(post(ig, metaSignature(appSecret, ig)).statusCode()).isEqualTo(200);

    assertThat(support.messages(Channel.MESSENGER, mid)).singleElement()
        .satisfies(m -> assertThat(m.get("account_id")).isEqualTo(page.id()));
    assertThat(support.messages(Channel.MESSENGER, echo)).isEmpty();
    assertThat(support.messages(Channel.INSTAGRAM, igMid)).singleElement()
        .satisfies(m -> assertThat(m.get("account_id")).isEqualTo(instagram.id()));
    String messageId = (String) support.messages(Channel.MESSENGER, mid).get(0).get("id");
    assertThat(processor.process(messageId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    // CDN URLs need no credentials and get none.
    graph.verify(getRequestedFor(urlEqualTo("/cdn/photo.png"))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.absent()));
  }

  @Test
  void forgedUnsignedTamperedAndUnverifiableNotificationsAreRefused() throws Exception {
    String wamid = "wamid." + UUID.randomUUID();
    String canary = "canary-" + UUID.randomUUID();
    byte[] body = whatsAppNotification(whatsapp.address(), """
        [{"from":"447700900201","id":"%s","timestamp":"1795683600","type":"text","text":{"body":"%s"}}]"""
        .formatted(wamid, canary), "[]").getBytes(StandardCharsets.UTF_8);
    String genuine = metaSignature(appSecret, body);
    byte[] tampered = body.clone();
    int at = new String(body, StandardCharsets.UTF_8).indexOf(canary) + canary.length() - 1;
    tampered[at] = (byte) (tampered[at] == 'a' ? 'b' : 'a');

    assertThat(post(body, metaSignature("another-app", body)).statusCode()).isEqualTo(403);
    assertThat(post(body, null).statusCode()).isEqualTo(403);
    assertThat(post(tampered, genuine).statusCode()).isEqualTo(403);
    assertThat(post(body, "sha256=zz").statusCode()).isEqualTo(403);
    assertThat(post(body, genuine.replace("sha256=", "sha1=")).statusCode()).isEqualTo(403);
    assertThat(support.messages(Channel.WHATSAPP, wamid)).isEmpty();
    assertThat(support.refusals(whatsapp.id())).hasSize(5)
        .allSatisfy(e -> assertThat((String) e.get("details")).doesNotContain(canary).doesNotContain("447700900201"))
        .extracting(e -> (String) e.get("details"))
        .satisfiesExactly(
            d -> assertThat(d).contains("BAD_SIGNATURE"),
            d -> assertThat(d).contains("UNSIGNED"),
            d -> assertThat(d).contains("BAD_SIGNATURE"),
            d -> assertThat(d).contains("BAD_SIGNATURE"),
            d -> assertThat(d).contains("BAD_SIGNATURE"));

    ChannelAccount noSecret = support.account(tenant, Channel.WHATSAPP, "meta", digits(15), Map.of(),
        java.util.Collections.singletonMap("appSecret", null));
    byte[] toNoSecret = whatsAppNotification(noSecret.address(), "[]", "[]").getBytes(StandardCharsets.UTF_8);
    assertThat(post(toNoSecret, metaSignature(appSecret, toNoSecret)).statusCode()).isEqualTo(403);
    assertThat(support.refusals(noSecret.id())).singleElement()
        .satisfies(e -> assertThat((String) e.get("details")).contains("SECRET_MISSING"));

    long before = support.refusalCount();
    byte[] unknown = whatsAppNotification(digits(15), "[]", "[]").getBytes(StandardCharsets.UTF_8);
    assertThat(post(unknown, metaSignature(appSecret, unknown)).statusCode()).isEqualTo(403);
    byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
    assertThat(post(notJson, metaSignature(appSecret, notJson)).statusCode()).isEqualTo(403);
    assertThat(support.refusalCount()).isEqualTo(before + 2);

    assertThat(post(body, genuine).statusCode()).isEqualTo(200);
    assertThat(support.messages(Channel.WHATSAPP, wamid)).hasSize(1);
  }

  @Test
  void duplicateAndConcurrentDeliveriesStoreOneMessage() throws Exception {
    String wamid = "wamid." + UUID.randomUUID();
    byte[] body = whatsAppNotification(whatsapp.address(), """
        [{"from":"447700900202","id":"%s","timestamp":"1795683600","type":"text","text":{"body":"once"}}]"""
        .formatted(wamid), "[]").getBytes(StandardCharsets.UTF_8);
    String signature = metaSignature(appSecret, body);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> post(body, signature).statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(calls)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(support.messages(Channel.WHATSAPP, wamid)).hasSize(1);
  }

  private void notifyStatus(String wamid, String status, long timestamp) throws Exception {
    String statuses = """
        [{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"447700900203"%s}]"""
        .formatted(wamid, status, timestamp, "failed".equals(status)
            ? ",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]" : "");
    byte[] body = whatsAppNotification(whatsapp.address(), "[]", statuses).getBytes(StandardCharsets.UTF_8);
    assertThat(post(body, metaSignature(appSecret, body)).statusCode()).isEqualTo(200);
  }

  private static String whatsAppNotification(String phoneNumberId, String messages, String statuses) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
          "messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
          "contacts":[{"profile":{"name":"Sam"},"wa_id":"447700900200"}],
          "messages":%s,"statuses":%s},"field":"messages"}]}]}""".formatted(phoneNumberId, messages, statuses);
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/meta"))
        .header("Content-Type", "application/json")
        .header("User-Agent", "facebookexternalua")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String digits(int count) {
    StringBuilder s = new StringBuilder("1");
    while (s.length() < count) {
      s.append((int) (Math.random() * 10));
    }
    return s.toString();
  }
}
