package org.switchboard.caseapi.channels;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provider webhooks ({@code switchboard.webhooks.*}, docs/channels-twilio-meta.md).
 *
 * @param publicBaseUrl the address providers call, e.g. {@code https://switchboard.example.org}; Twilio signs the
 *     full URL it called, so behind a proxy this (or the account setting {@code publicUrl}) is what the signature
 *     is checked against. Empty: the URL is rebuilt from the request, honouring {@code X-Forwarded-Proto},
 *     {@code X-Forwarded-Host} and {@code X-Forwarded-Port} only from {@code trustedProxies}
 * @param trustedProxies addresses or CIDR ranges (IPv4/IPv6) of reverse proxies whose forwarded headers are
 *     believed; empty: none are
 * @param meta Meta webhook settings
 * @param abuse how many refused webhooks a source may send per window before it gets 429 (WebhookAbuseGuard)
 */
@ConfigurationProperties("switchboard.webhooks")
public record WebhookProperties(
    String publicBaseUrl,
    @DefaultValue({}) List<String> trustedProxies,
    @DefaultValue Meta meta,
    @DefaultValue Abuse abuse) {

  /** @param maxRefusals refused requests per source and window; @param window the window */
  public record Abuse(@DefaultValue("20") int maxRefusals, @DefaultValue("1m") java.time.Duration window) {
  }

  /**
   * @param verifyToken the token Meta echoes in the subscription handshake ({@code hub.verify_token}); the handshake
   *     is refused while it is empty, unless the callback URL names an account ({@code ?account=<id>}) whose secret
   *     {@code verifyToken} is set
   */
  public record Meta(String verifyToken) {
  }
}
