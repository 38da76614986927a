package org.switchboard.workers.channels.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessage.Attachment;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;

/** Spring RestClient against WireMock standing in for graph.facebook.com. */
class MetaSenderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WA_MESSAGES = "/v21.0/106540352242922/messages";
  private static final String ME_MESSAGES = "/v21.0/me/messages";

  private WireMockServer graph;
  private MetaSender sender;

  @BeforeEach
  void start() {
    graph = new WireMockServer(wireMockConfig().dynamicPort());
    graph.start();
    MockEnvironment environment = new MockEnvironment()
        .withProperty("TEST_WA_TOKEN", "wa-token")
        .withProperty("TEST_PAGE_TOKEN", "page-token");
    // Generous timeouts: a loaded machine must not turn a slow answer into a failure (the timeout test has its own).
    sender = sender(environment, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    graph.stop();
  }

  @Test
  void whatsAppTextGoesToThePhoneNumberIdWithTheBearerToken() throws Exception {
    whatsAppAccepted("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");

    SendReceipt receipt = sender.send(message(whatsApp(), "+16505551234", "Hello from your case worker", null,
        List.of(), List.of()));

    assertThat(receipt).isEqualTo(new SendReceipt("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
        DeliveryState.QUEUED));
    LoggedRequest request = only(WA_MESSAGES);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer wa-token");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(JSON.readTree("""
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"text",
         "text":{"preview_url":false,"body":"Hello from your case worker"}}"""));
  }

  @Test
  void whatsAppTemplateCarriesLanguageAndBodyParameters() throws Exception {
    whatsAppAccepted("wamid.template");

    sender.send(message(whatsApp(), "+16505551234", "preview", "case_update", List.of("Ana", "4711"), List.of()));

    assertThat(JSON.readTree(only(WA_MESSAGES).getBodyAsString())).isEqualTo(JSON.readTree("""
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"template",
         "template":{"name":"case_update","language":{"code":"de_DE"},
           "components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"4711"}]}]}}
        """));
  }

  @Test
  void whatsAppMediaIsSentByLinkWithTheTextAsCaption() throws Exception {
    whatsAppAccepted("wamid.media");

    sender.send(message(whatsApp(), "+16505551234", "Your form", null, List.of(),
        List.of(new Attachment("d1", "form.pdf", "application/pdf", null, "https://sb.example.org/m/form.pdf"))));

    assertThat(JSON.readTree(only(WA_MESSAGES).getBodyAsString())).isEqualTo(JSON.readTree("""
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"document",
         "document":{"link":"https://sb.example.org/m/form.pdf","caption":"Your form","filename":"form.pdf"}}"""));
  }

  @Test
  void messengerAndInstagramUseMeMessagesWithThePageToken() throws Exception {
    graph.stubFor(post(urlEqualTo(ME_MESSAGES)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"recipient_id\":\"1254459154682919\",\"message_id\":\"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM\"}")));

    SendReceipt messenger = sender.send(message(page(Channel.MESSENGER), "1254459154682919", "We got your message",
        null, List.of(), List.of()));
    SendReceipt instagram = sender.send(message(page(Channel.INSTAGRAM), "1254459154682919", "Thanks", "HUMAN_AGENT",
        List.of(), List.of()));

    assertThat(messenger).isEqualTo(new SendReceipt("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM", DeliveryState.SENT));
    assertThat(instagram.providerMessageId()).isEqualTo("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM");
    List<LoggedRequest> requests = graph.findAll(postRequestedFor(urlEqualTo(ME_MESSAGES)));
    assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Authorization"))
        .isEqualTo("Bearer page-token"));
    assertThat(JSON.readTree(requests.get(0).getBodyAsString())).isEqualTo(JSON.readTree("""
        {"recipient":{"id":"1254459154682919"},"messaging_type":"RESPONSE","message":{"text":"We got your message"}}
        """));
    assertThat(JSON.readTree(requests.get(1).getBodyAsString())).isEqualTo(JSON.readTree("""
        {"recipient":{"id":"1254459154682919"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",
         "message":{"text":"Thanks"}}"""));
  }

  @Test
  void graphErrorsBecomeRefusalCodesOrTransientFailures() {
    assertRefusal(400, 131047, null, RefusalCodes.WINDOW_CLOSED);
    assertRefusal(400, 131026, null, RefusalCodes.INVALID_RECIPIENT);
    assertRefusal(400, 10, 2018278, RefusalCodes.WINDOW_CLOSED);
    assertRefusal(400, 100, 2018001, RefusalCodes.INVALID_RECIPIENT);
    assertTransient(400, 130429);
    assertTransient(400, 80007);
    assertTransient(503, 2);

    graph.resetAll();
    graph.stubFor(post(urlEqualTo(WA_MESSAGES)).willReturn(aResponse().withFixedDelay(5_000).withStatus(200)));
    MetaSender impatient = sender(new MockEnvironment().withProperty("TEST_WA_TOKEN", "wa-token"),
        Duration.ofMillis(200));
    assertThatThrownBy(() -> impatient.send(message(whatsApp(), "+1", "x", null, List.of(), List.of())))
        .isInstanceOf(TransientSendException.class);
  }

  private MetaSender sender(MockEnvironment environment, Duration readTimeout) {
    return new MetaSender(new MetaProperties(graph.baseUrl(), "v21.0", "en_US", Duration.ofSeconds(10),
        readTimeout), environment);
  }

  @Test
  void anAccountWithoutItsTokenRefusesWithoutCallingMeta() {
    ChannelAccount account = new ChannelAccount("wa-x", "t1", Channel.WHATSAPP, "meta", "106540352242922", "general",
        Map.of(), Map.of("accessToken", "UNSET_WA_TOKEN"));
    assertThatThrownBy(() -> sender.send(message(account, "+1", "x", null, List.of(), List.of())))
        .isInstanceOfSatisfying(SendRefusedException.class,
            e -> assertThat(e.code()).isEqualTo(RefusalCodes.CHANNEL_NOT_CONFIGURED));
    assertThat(graph.getAllServeEvents()).isEmpty();
  }

  private void assertRefusal(int status, int code, Integer subcode, String refusal) {
    stubError(status, code, subcode);
    assertThatThrownBy(() -> sender.send(message(whatsApp(), "+16505551234", "x", null, List.of(), List.of())))
        .isInstanceOfSatisfying(SendRefusedException.class, e -> assertThat(e.code()).isEqualTo(refusal));
  }

  private void assertTransient(int status, int code) {
    stubError(status, code, null);
    assertThatThrownBy(() -> sender.send(message(whatsApp(), "+16505551234", "x", null, List.of(), List.of())))
        .isInstanceOf(TransientSendException.class);
  }

  private void stubError(int status, int code, Integer subcode) {
    graph.resetAll();
    graph.stubFor(post(urlEqualTo(WA_MESSAGES)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"refused\",\"type\":\"OAuthException\",\"code\":" + code
            + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}")));
  }

  private void whatsAppAccepted(String wamid) {
    graph.stubFor(post(urlEqualTo(WA_MESSAGES)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+16505551234\",\"wa_id\":"
            + "\"16505551234\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}")));
  }

  private LoggedRequest only(String path) {
    List<LoggedRequest> requests = graph.findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static ChannelAccount whatsApp() {
    return new ChannelAccount("wa-1", "t1", Channel.WHATSAPP, "meta", "106540352242922", "general",
        Map.of("templateLanguage", "de_DE"), Map.of("accessToken", "TEST_WA_TOKEN"));
  }

  private static ChannelAccount page(Channel channel) {
    return new ChannelAccount("page-" + channel, "t1", channel, "meta", "112233445566", "general", Map.of(),
        Map.of("accessToken", "TEST_PAGE_TOKEN"));
  }

  private static OutboundMessage message(ChannelAccount account, String to, String body, String template,
      List<String> parameters, List<Attachment> attachments) {
    return new OutboundMessage("msg-1", account.tenantId(), "case-1", account.channel(), account, to, null, body,
        template, parameters, null, List.of(), attachments, Map.of());
  }

}
