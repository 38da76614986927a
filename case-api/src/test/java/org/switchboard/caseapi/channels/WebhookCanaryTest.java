package org.switchboard.caseapi.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.channels.WebhookTestSupport.form;
import static org.switchboard.caseapi.channels.WebhookTestSupport.metaSignature;
import static org.switchboard.caseapi.channels.WebhookTestSupport.twilioSignature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.contacts.DatabaseScan;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The canary test for the webhook input paths: message text, sender numbers and profile names planted through
 * Twilio and Meta webhooks (genuine and forged) appear in clear in no table (own and ACT_*), log line (at DEBUG)
 * or event once the messages have been processed into cases.
 */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class WebhookCanaryTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired TestFixtures fixtures;
  @Autowired WebhookTestSupport support;
  @Autowired InboundProcessor processor;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void webhookContentAppearsInClearNowhere(CapturedOutput output) throws Exception {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    List.of("org.switchboard", "org.camunda.bpm").forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    try {
      plantAndScan(output);
    } finally {
      logging.setLogLevel("org.switchboard", LogLevel.INFO);
      logging.setLogLevel("org.camunda.bpm", null);
    }
  }

  private void plantAndScan(CapturedOutput output) throws Exception {
    String tenant = fixtures.tenant("generic");
    String token = "token-" + UUID.randomUUID();
    String appSecret = "secret-" + UUID.randomUUID();
    ChannelAccount sms = support.account(tenant, Channel.SMS, "twilio", WebhookTestSupport.uniqueNumber(),
        Map.of("accountSid", "AC" + "1".repeat(32)), Map.of("authToken", token));
    ChannelAccount whatsapp = support.account(tenant, Channel.WHATSAPP, "meta", "1" + System.nanoTime(),
        Map.of(), Map.of("appSecret", appSecret));

    Map<String, String> canaries = new LinkedHashMap<>();
    canaries.put("smsBody", canary("smsBody"));
    canaries.put("smsFrom", WebhookTestSupport.uniqueNumber());
    canaries.put("forgedBody", canary("forgedBody"));
    canaries.put("whatsAppBody", canary("whatsAppBody"));
    canaries.put("whatsAppName", canary("whatsAppName"));
    String waFrom = "4479" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    canaries.put("whatsAppFrom", waFrom);

    String url = "http://localhost:" + port + "/webhooks/twilio/sms";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", "AC" + "1".repeat(32));
    params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    params.put("From", canaries.get("smsFrom"));
    params.put("To", sms.address());
    params.put("Body", canaries.get("smsBody"));
    params.put("NumMedia", "0");
    assertThat(postForm(url, params, twilioSignature(token, url, params))).isEqualTo(200);
    Map<String, String> forged = new LinkedHashMap<>(params);
    forged.put("Body", canaries.get("forgedBody"));
    forged.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    assertThat(postForm(url, forged, twilioSignature("forged", url, forged))).isEqualTo(403);

    String wamid = "wamid." + UUID.randomUUID();
    byte[] body = """
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
          "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
          "messages":[{"from":"%s","id":"%s","timestamp":"1795683600","type":"text","text":{"body":"%s"}}]}}]}]}"""
        .formatted(whatsapp.address(), canaries.get("whatsAppName"), waFrom, waFrom, wamid,
            canaries.get("whatsAppBody")).getBytes(StandardCharsets.UTF_8);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/meta"))
        .header("Content-Type", "application/json").header("X-Hub-Signature-256", metaSignature(appSecret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);

    for (Map<String, Object> m : support.messages(Channel.SMS, params.get("MessageSid"))) {
      assertThat(processor.process((String) m.get("id"))).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    }
    for (Map<String, Object> m : support.messages(Channel.WHATSAPP, wamid)) {
      assertThat(processor.process((String) m.get("id"))).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_record WHERE tenant_id = :t").param("t", tenant)
        .query(Long.class).single()).isEqualTo(2);

    List<String> outbox = jdbc.sql("SELECT payload FROM outbox_event WHERE tenant_id = :t").param("t", tenant)
        .query(String.class).list();
    String log = output.getAll();
    for (Map.Entry<String, String> c : canaries.entrySet()) {
      assertThat(DatabaseScan.find(jdbc, c.getValue())).as("tables holding " + c.getKey()).isEmpty();
      assertThat(log).as("log holds " + c.getKey()).doesNotContain(c.getValue());
      assertThat(outbox).as("events hold " + c.getKey()).noneMatch(p -> p.contains(c.getValue()));
    }
  }

  private int postForm(String url, Map<String, String> params, String signature) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static String canary(String path) {
    return "CANARY" + path.toUpperCase() + UUID.randomUUID().toString().replace("-", "");
  }
}
