package org.switchboard.caseapi.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Switchboard-Signature: sha256=<hex>}: HMAC-SHA256 of the raw request body under the webhook secret,
 * compared in constant time.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Switchboard-Signature";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {
  }

  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  static boolean verify(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    String value = header.trim();
    if (value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      value = value.substring(PREFIX.length());
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
