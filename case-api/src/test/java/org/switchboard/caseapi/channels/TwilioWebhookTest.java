package org.switchboard.caseapi.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.channels.WebhookTestSupport.form;
import static org.switchboard.caseapi.channels.WebhookTestSupport.twilioSignature;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
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

/** Twilio's webhooks on PostgreSQL with requests signed as Twilio signs them; WireMock stands in for its media. */
@SwitchboardTest
class TwilioWebhookTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static WireMockServer twilio;

  @Autowired TestFixtures fixtures;
  @Autowired WebhookTestSupport support;
  @Autowired InboundProcessor processor;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  private String tenant;
  private String accountSid;
  private String authToken;
  private ChannelAccount sms;

  @BeforeAll
  static void startTwilio() {
    twilio = new WireMockServer(wireMockConfig().dynamicPort());
    twilio.start();
  }

  @AfterAll
  static void stopTwilio() {
    twilio.stop();
  }

  @BeforeEach
  void account() {
    tenant = fixtures.tenant("generic");
    accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
    authToken = "token-" + UUID.randomUUID();
    sms = support.account(tenant, Channel.SMS, "twilio", WebhookTestSupport.uniqueNumber(),
        Map.of("accountSid", accountSid, "baseUrl", twilio.baseUrl()), Map.of("authToken", authToken));
  }

  @Test
  void aGenuineMmsWithManyParametersIsStoredAndItsMediaBecomeCaseDocuments() throws Exception {
    String sid = "MM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = inbound(sid, sms.address(), "+447700900123", "Photos of the damage & the letter: ü – 100% = ok?");
    params.put("NumMedia", "3");
    byte[][] files = {TestFiles.png(), TestFiles.pdf(), TestFiles.text("a note from the caller")};
    String[] types = {"image/png", "application/pdf", "text/plain"};
    for (int i = 0; i < 3; i++) {
      String path = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media/ME" + i + sid.substring(2);
      params.put("MediaUrl" + i, twilio.baseUrl() + path);
      params.put("MediaContentType" + i, types[i]);
      // Twilio redirects media to its storage, which must not get the account's credentials.
      twilio.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(307)
          .withHeader("Location", "http://127.0.0.1:" + twilio.port() + "/storage/" + sid + "/" + i)));
      twilio.stubFor(get(urlEqualTo("/storage/" + sid + "/" + i)).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", types[i]).withBody(files[i])));
    }

    HttpResponse<String> response = post("/webhooks/twilio/sms", params, sign(url("/webhooks/twilio/sms"), params));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
    assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    List<Map<String, Object>> stored = support.messages(Channel.SMS, sid);
    assertThat(stored).hasSize(1);
    String messageId = (String) stored.get(0).get("id");
    assertThat(stored.get(0).get("account_id")).isEqualTo(sms.id());

    assertThat(processor.process(messageId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);

    String caseId = jdbc.sql("SELECT case_id FROM message WHERE id = :id").param("id", messageId)
        .query(String.class).single();
    List<Map<String, Object>> attachments = jdbc.sql(
        "SELECT a.state, a.document_id, d.case_id FROM message_attachment a LEFT JOIN document d ON d.id = a.document_id"
            + " WHERE a.message_id = :id").param("id", messageId).query().listOfRows();
    assertThat(attachments).hasSize(3).allSatisfy(a -> {
      assertThat(a.get("state")).isEqualTo("STORED");
      assertThat(a.get("case_id")).isEqualTo(caseId);
    });
    String basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
        .getBytes(StandardCharsets.UTF_8));
    twilio.verify(3, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlMatching(
        "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media/.*"))
        .withHeader("Authorization", equalTo(basic)));
    twilio.verify(3, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/storage/" + sid + "/.*"))
        .withHeader("Authorization", absent()));
  }

  @Test
  void aRequestForwardedByATrustedProxyIsCheckedAgainstThePublicUrl() throws Exception {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = inbound(sid, sms.address(), "+447700900124", "via the proxy");
    String signature = sign("https://sms.example.org/webhooks/twilio/sms", params);

    HttpResponse<String> response = send(request("/webhooks/twilio/sms", params, signature)
        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "sms.example.org"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(support.messages(Channel.SMS, sid)).hasSize(1);
  }

  @Test
  void theAccountsPublicUrlSettingIsWhatTwilioSigned() throws Exception {
    ChannelAccount behindProxy = support.account(tenant, Channel.SMS, "twilio", WebhookTestSupport.uniqueNumber(),
        Map.of("accountSid", accountSid, "publicUrl", "https://tenant.example.org/"), Map.of("authToken", authToken));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = inbound(sid, behindProxy.address(), "+447700900125", "hello");

    assertThat(post("/webhooks/twilio/sms", params, sign("https://tenant.example.org/webhooks/twilio/sms", params))
        .statusCode()).isEqualTo(200);
    assertThat(post("/webhooks/twilio/sms", params, sign(url("/webhooks/twilio/sms"), params)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void whatsAppThroughTwilioReachesTheWhatsAppAccount() throws Exception {
    ChannelAccount whatsapp = support.account(tenant, Channel.WHATSAPP, "twilio",
        "whatsapp:" + WebhookTestSupport.uniqueNumber(), Map.of("accountSid", accountSid),
        Map.of("authToken", authToken));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = inbound(sid, whatsapp.address(), "whatsapp:+447700900126", "Hola");
    params.put("ProfileName", "Ana");
    params.put("WaId", "447700900126");

    assertThat(post("/webhooks/twilio/sms", params, sign(url("/webhooks/twilio/sms"), params)).statusCode())
        .isEqualTo(200);
    assertThat(support.messages(Channel.WHATSAPP, sid)).singleElement()
        .satisfies(m -> assertThat(m.get("account_id")).isEqualTo(whatsapp.id()));
  }

  @Test
  void forgedUnsignedAndTamperedRequestsAreRefusedAndRecordedWithoutContent() throws Exception {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    String body = "secret-canary-" + UUID.randomUUID();
    Map<String, String> params = inbound(sid, sms.address(), "+447700900127", body);
    String url = url("/webhooks/twilio/sms");

    HttpResponse<String> forged = post("/webhooks/twilio/sms", params, twilioSignature("not-the-token", url, params));
    HttpResponse<String> unsigned = post("/webhooks/twilio/sms", params, null);
    String genuine = sign(url, params);
    Map<String, String> tampered = new LinkedHashMap<>(params);
    tampered.put("Body", body.substring(0, body.length() - 1) + (body.endsWith("a") ? "b" : "a"));
    HttpResponse<String> changed = post("/webhooks/twilio/sms", tampered, genuine);
    HttpResponse<String> garbage = post("/webhooks/twilio/sms", params, "bm90IGEgc2lnbmF0dXJl");

    assertThat(List.of(forged, unsigned, changed, garbage)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(403));
    assertThat(support.messages(Channel.SMS, sid)).isEmpty();
    List<Map<String, Object>> events = support.refusals(sms.id());
    assertThat(events).extracting(e -> e.get("outcome")).containsOnly("DENIED");
    assertThat(events).extracting(e -> (String) e.get("details"))
        .satisfiesExactly(
            d -> assertThat(d).contains("BAD_SIGNATURE"),
            d -> assertThat(d).contains("UNSIGNED"),
            d -> assertThat(d).contains("BAD_SIGNATURE"),
            d -> assertThat(d).contains("BAD_SIGNATURE"))
        .allSatisfy(d -> assertThat(d).doesNotContain(body).doesNotContain("447700900127"));
    assertThat(events).allSatisfy(e -> assertThat(e.get("tenant_id")).isEqualTo(tenant));

    // The genuine request is still accepted afterwards.
    assertThat(post("/webhooks/twilio/sms", params, genuine).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongAccountsAndAccountsWithoutTheirSecretRefuseTraffic() throws Exception {
    String url = url("/webhooks/twilio/sms");
    String unknownNumber = WebhookTestSupport.uniqueNumber();
    Map<String, String> unknown = inbound("SM" + UUID.randomUUID().toString().replace("-", ""), unknownNumber,
        "+447700900128", "to a number nobody has");
    long before = support.refusalCount();
    assertThat(post("/webhooks/twilio/sms", unknown, sign(url, unknown)).statusCode()).isEqualTo(403);
    assertThat(support.refusalCount()).isEqualTo(before + 1);

    // Signed with this account's token, but for another Twilio account.
    Map<String, String> otherSid = inbound("SM" + UUID.randomUUID().toString().replace("-", ""), sms.address(),
        "+447700900128", "other account");
    otherSid.put("AccountSid", "AC" + "f".repeat(32));
    assertThat(post("/webhooks/twilio/sms", otherSid, sign(url, otherSid)).statusCode()).isEqualTo(403);

    ChannelAccount noSecret = support.account(tenant, Channel.SMS, "twilio", WebhookTestSupport.uniqueNumber(),
        Map.of("accountSid", accountSid), java.util.Collections.singletonMap("authToken", null));
    Map<String, String> params = inbound("SM" + UUID.randomUUID().toString().replace("-", ""), noSecret.address(),
        "+447700900129", "never skipped");
    assertThat(post("/webhooks/twilio/sms", params, sign(url, params)).statusCode()).isEqualTo(403);

    assertThat(support.refusals(sms.id())).extracting(e -> (String) e.get("details"))
        .singleElement().satisfies(d -> assertThat(d).contains("ACCOUNT_MISMATCH"));
    assertThat(support.refusals(noSecret.id())).extracting(e -> (String) e.get("details"))
        .singleElement().satisfies(d -> assertThat(d).contains("SECRET_MISSING"));
    assertThat(support.messages(Channel.SMS, params.get("MessageSid"))).isEmpty();
  }

  @Test
  void duplicateAndConcurrentDeliveriesStoreOneMessageAndStartOneCase() throws Exception {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = inbound(sid, sms.address(), "+447700900130", "I sent this once");
    String signature = sign(url("/webhooks/twilio/sms"), params);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> post("/webhooks/twilio/sms", params, signature).statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(calls)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(post("/webhooks/twilio/sms", params, signature).statusCode()).isEqualTo(200);

    List<Map<String, Object>> stored = support.messages(Channel.SMS, sid);
    assertThat(stored).hasSize(1);
    processor.process((String) stored.get(0).get("id"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_record WHERE tenant_id = :t").param("t", tenant)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void statusCallbacksOutOfOrderOnlyMoveMessagesForward() throws Exception {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    String messageId = support.outbound(sms, sid, "SENT");

    assertThat(status(sid, "delivered", null).statusCode()).isEqualTo(200);
    assertThat(support.state(messageId)).isEqualTo("DELIVERED");
    assertThat(status(sid, "sent", null).statusCode()).isEqualTo(200);
    assertThat(status(sid, "queued", null).statusCode()).isEqualTo(200);
    assertThat(support.state(messageId)).isEqualTo("DELIVERED");
    status(sid, "read", null);
    status(sid, "failed", "30008");
    assertThat(support.state(messageId)).isEqualTo("READ");

    String failing = "SM" + UUID.randomUUID().toString().replace("-", "");
    String failingId = support.outbound(sms, failing, "QUEUED");
    status(failing, "undelivered", "30003");
    status(failing, "delivered", null);
    assertThat(support.state(failingId)).isEqualTo("FAILED");
    assertThat(jdbc.sql("SELECT error_code FROM message WHERE id = :id").param("id", failingId).query(String.class)
        .single()).isEqualTo("30003");

    Map<String, String> forged = statusParams(sid, "failed", "30008");
    assertThat(post("/webhooks/twilio/status", forged, twilioSignature("guess", url("/webhooks/twilio/status"),
        forged)).statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> status(String sid, String status, String errorCode) throws Exception {
    Map<String, String> params = statusParams(sid, status, errorCode);
    return post("/webhooks/twilio/status", params, sign(url("/webhooks/twilio/status"), params));
  }

  private Map<String, String> statusParams(String sid, String status, String errorCode) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", "2010-04-01");
    params.put("From", sms.address());
    params.put("To", "+447700900131");
    params.put("MessageSid", sid);
    params.put("MessageStatus", status);
    params.put("SmsSid", sid);
    params.put("SmsStatus", status);
    if (errorCode != null) {
      params.put("ErrorCode", errorCode);
    }
    return params;
  }

  private Map<String, String> inbound(String sid, String to, String from, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ToCountry", "GB");
    params.put("ToState", "");
    params.put("SmsMessageSid", sid);
    params.put("NumMedia", "0");
    params.put("ToCity", "");
    params.put("FromZip", "");
    params.put("SmsSid", sid);
    params.put("FromState", "");
    params.put("SmsStatus", "received");
    params.put("FromCity", "");
    params.put("Body", body);
    params.put("FromCountry", "GB");
    params.put("To", to);
    params.put("MessagingServiceSid", "MG" + "0".repeat(32));
    params.put("ToZip", "");
    params.put("NumSegments", "1");
    params.put("MessageSid", sid);
    params.put("AccountSid", accountSid);
    params.put("From", from);
    params.put("ApiVersion", "2010-04-01");
    return params;
  }

  private String sign(String url, Map<String, String> params) {
    return twilioSignature(authToken, url, params);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private HttpRequest.Builder request(String path, Map<String, String> params, String signature) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("User-Agent", "TwilioProxy/1.1")
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return request;
  }

  private HttpResponse<String> post(String path, Map<String, String> params, String signature) throws Exception {
    return send(request(path, params, signature));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
