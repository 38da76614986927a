package org.switchboard.caseapi.conversations.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.Pseudonymizer;

/**
 * Short-lived signed links to an outbound message's attachment, for providers that fetch media by URL. The token
 * is {@code base64url(tenant|message|document|expiry)} and its HMAC under the tenant's pseudonym key (derived from
 * the tenant's KEK, the same on every node), so a link cannot be made or altered without the key and dies with it.
 */
@Component
public class MediaLinks {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final String PURPOSE = "outbound-media|";

  private final Pseudonymizer hmac;
  private final OutboundProperties properties;
  private final Clock clock;

  public MediaLinks(Pseudonymizer hmac, OutboundProperties properties, Clock clock) {
    this.hmac = hmac;
    this.properties = properties;
    this.clock = clock;
  }

  public record Target(String tenantId, String messageId, String documentId, Instant expiresAt) {
  }

  public String url(String tenantId, String messageId, String documentId) {
    return properties.publicUrl().replaceAll("/+$", "") + "/media/" + token(tenantId, messageId, documentId);
  }

  String token(String tenantId, String messageId, String documentId) {
    long expiry = clock.instant().plus(properties.mediaLinkTtl()).getEpochSecond();
    String payload = tenantId + "|" + messageId + "|" + documentId + "|" + expiry;
    return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + mac(tenantId, payload);
  }

  /** The link's target when the signature holds and it has not expired. */
  public Optional<Target> verify(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload;
    try {
      payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] parts = payload.split("\\|");
    if (parts.length != 4 || !parts[3].matches("[0-9]{1,12}")) {
      return Optional.empty();
    }
    byte[] expected = mac(parts[0], payload).getBytes(StandardCharsets.UTF_8);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
    if (!clock.instant().isBefore(expiresAt)) {
      return Optional.empty();
    }
    return Optional.of(new Target(parts[0], parts[1], parts[2], expiresAt));
  }

  private String mac(String tenantId, String payload) {
    return hmac.token(tenantId, PURPOSE + payload).substring(Pseudonymizer.PREFIX.length());
  }
}
