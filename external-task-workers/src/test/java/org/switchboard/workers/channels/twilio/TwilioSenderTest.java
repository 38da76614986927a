package org.switchboard.workers.channels.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/** The real twilio-java client against WireMock standing in for api.twilio.com. */
class TwilioSenderTest {

  private static final String SID = "AC00000000000000000000000000000001";
  private static final String TOKEN = "test-auth-token";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  private WireMockServer twilio;
  private TwilioSender sender;

  @BeforeEach
  void start() {
    twilio = new WireMockServer(wireMockConfig().dynamicPort());
    twilio.start();
    // Generous timeouts: a loaded machine must not turn a slow answer into a failure (the timeout test has its own).
    sender = sender(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    twilio.stop();
  }

  @Test
  void smsIsPostedToTheMessagesApiWithBasicAuthAndAStatusCallback() {
    created("SM00000000000000000000000000000001", "queued");

    SendReceipt receipt = sender.send(message(account(Channel.SMS, "+15005550006"), "+15558675310", "Your case is open",
        null, List.of(), List.of()));

    assertThat(receipt).isEqualTo(new SendReceipt("SM00000000000000000000000000000001", DeliveryState.QUEUED));
    LoggedRequest request = onlyRequest();
    assertThat(request.getHeader("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request)).isEqualTo(Map.of(
        "To", List.of("+15558675310"),
        "From", List.of("+15005550006"),
        "Body", List.of("Your case is open"),
        "StatusCallback", List.of("https://switchboard.example.org/webhooks/twilio/status")));
  }

  @Test
  void mmsCarriesEveryMediaUrl() {
    created("MM00000000000000000000000000000002", "accepted");

    sender.send(message(account(Channel.SMS, "+15005550006"), "+15558675310", "Photos", null, List.of(),
        List.of(media("image/jpeg", "https://switchboard.example.org/media/a.jpg"),
            media("application/pdf", "https://switchboard.example.org/media/b.pdf"))));

    assertThat(form(onlyRequest())).containsEntry("MediaUrl",
        List.of("https://switchboard.example.org/media/a.jpg", "https://switchboard.example.org/media/b.pdf"))
        .containsEntry("Body", List.of("Photos"));
  }

  @Test
  void whatsAppOutsideTheWindowSendsTheContentTemplateWithPositionalVariables() {
    created("SM00000000000000000000000000000003", "queued");
    ChannelAccount account = new ChannelAccount("acc-wa", "t1", Channel.WHATSAPP, "twilio", "+15005550006", "general",
        Map.of("accountSid", SID, "contentSid.appointment_reminder", "HX" + "0".repeat(31) + "9"),
        Map.of("authToken", "TEST_TWILIO_AUTH_TOKEN"));

    sender.send(message(account, "+15558675310", "preview", "appointment_reminder", List.of("Ana", "Tuesday"),
        List.of()));

    assertThat(form(onlyRequest())).isEqualTo(Map.of(
        "To", List.of("whatsapp:+15558675310"),
        "From", List.of("whatsapp:+15005550006"),
        "ContentSid", List.of("HX" + "0".repeat(31) + "9"),
        "ContentVariables", List.of("{\"1\":\"Ana\",\"2\":\"Tuesday\"}"),
        "StatusCallback", List.of("https://switchboard.example.org/webhooks/twilio/status")));
  }

  @Test
  void providerRefusalsBecomeRefusalCodes() {
    assertRefusal(21211, RefusalCodes.INVALID_RECIPIENT);
    assertRefusal(21614, RefusalCodes.INVALID_RECIPIENT);
    assertRefusal(21610, RefusalCodes.OPTED_OUT);
    assertRefusal(63016, RefusalCodes.WINDOW_CLOSED);
  }

  @Test
  void throttlingOutagesAndTimeoutsAreTransientAndNotRetriedInsideTheSdk() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
    assertThatThrownBy(this::sendSms).isInstanceOf(TransientSendException.class);

    twilio.resetAll();
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(this::sendSms).isInstanceOf(TransientSendException.class);
    // One request only: a retry inside the SDK could deliver the message twice.
    twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));

    twilio.resetAll();
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withFixedDelay(5_000).withStatus(201)));
    TwilioSender impatient = sender(Duration.ofMillis(200));
    assertThatThrownBy(() -> impatient.send(message(account(Channel.SMS, "+15005550006"), "+15558675310", "hi", null,
        List.of(), List.of()))).isInstanceOf(TransientSendException.class);
  }

  private TwilioSender sender(Duration readTimeout) {
    return new TwilioSender(new TwilioProperties(twilio.baseUrl(), "https://switchboard.example.org/",
        Duration.ofSeconds(10), readTimeout), new MockEnvironment().withProperty("TEST_TWILIO_AUTH_TOKEN", TOKEN));
  }

  @Test
  void anAccountWithoutItsSecretRefusesWithoutCallingTwilio() {
    ChannelAccount account = new ChannelAccount("acc-x", "t1", Channel.SMS, "twilio", "+15005550006", "general",
        Map.of("accountSid", SID), Map.of("authToken", "UNSET_TWILIO_TOKEN"));

    assertThatThrownBy(() -> sender.send(message(account, "+15558675310", "hi", null, List.of(), List.of())))
        .isInstanceOfSatisfying(SendRefusedException.class,
            e -> assertThat(e.code()).isEqualTo(RefusalCodes.CHANNEL_NOT_CONFIGURED));
    assertThat(twilio.getAllServeEvents()).isEmpty();
  }

  @Test
  void deliveryStatusesMapMonotonically() {
    assertThat(TwilioStatuses.toDeliveryState("undelivered")).contains(DeliveryState.FAILED);
    assertThat(TwilioStatuses.toDeliveryState("read")).contains(DeliveryState.READ);
    assertThat(TwilioStatuses.toDeliveryState("received")).isEmpty();
  }

  private void assertRefusal(int code, String refusal) {
    twilio.resetAll();
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":" + code + ",\"message\":\"refused\",\"more_info\":\"https://www.twilio.com/docs/errors/"
            + code + "\",\"status\":400}")));
    assertThatThrownBy(this::sendSms).isInstanceOfSatisfying(SendRefusedException.class,
        e -> assertThat(e.code()).isEqualTo(refusal));
  }

  private SendReceipt sendSms() {
    return sender.send(message(account(Channel.SMS, "+15005550006"), "+15558675310", "hi", null, List.of(), List.of()));
  }

  private void created(String sid, String status) {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"status\":\"" + status
            + "\",\"num_segments\":\"1\",\"direction\":\"outbound-api\"}")));
  }

  private LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static Map<String, List<String>> form(LoggedRequest request) {
    Map<String, List<String>> fields = new TreeMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] parts = pair.split("=", 2);
      fields.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return fields;
  }

  static ChannelAccount account(Channel channel, String address) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("accountSid", SID);
    return new ChannelAccount("acc-" + channel, "t1", channel, "twilio", address, "general", settings,
        Map.of("authToken", "TEST_TWILIO_AUTH_TOKEN"));
  }

  static OutboundMessage message(ChannelAccount account, String to, String body, String template,
      List<String> parameters, List<Attachment> attachments) {
    return new OutboundMessage("msg-1", account.tenantId(), "case-1", account.channel(), account, to, null, body,
        template, parameters, null, List.of(), attachments, Map.of());
  }

  static Attachment media(String contentType, String url) {
    return new Attachment("doc-" + url.hashCode(), url.substring(url.lastIndexOf('/') + 1), contentType, null, url);
  }
}
