package org.switchboard.workers.channels.twilio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio REST settings ({@code switchboard.workers.twilio.*}); a channel account's settings {@code baseUrl} and
 * {@code publicUrl} override {@code baseUrl} and {@code publicBaseUrl} for that account.
 *
 * @param baseUrl scheme and host every Twilio API domain is sent to: production leaves the default, tests and
 *     staging point it at a local peer (WireMock)
 * @param publicBaseUrl the app's public address; delivery callbacks are requested at
 *     {@code publicBaseUrl + /webhooks/twilio/status}. Empty: no callbacks are requested
 */
@ConfigurationProperties("switchboard.workers.twilio")
public record TwilioProperties(
    @DefaultValue(TwilioProperties.DEFAULT_BASE_URL) String baseUrl,
    String publicBaseUrl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout) {

  public static final String DEFAULT_BASE_URL = "https://api.twilio.com";
  public static final String STATUS_CALLBACK_PATH = "/webhooks/twilio/status";

  public static TwilioProperties defaults() {
    return new TwilioProperties(DEFAULT_BASE_URL, null, Duration.ofSeconds(5), Duration.ofSeconds(20));
  }
}
