package org.switchboard.caseapi.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Stable pseudonyms for analytics and exports: {@code psn_} + HMAC-SHA256 (truncated to 160 bits) of the
 * value under a per-tenant key derived from the tenant's KEK. The same value gets the same pseudonym
 * within a tenant (so exports can still be joined and counted), different ones across tenants, and
 * without the key a pseudonym cannot be turned back or recomputed from guesses.
 */
@Component
public class Pseudonymizer {

  public static final String PREFIX = "psn_";
  private static final int TOKEN_BYTES = 20;

  private final KeyEncryptionKeys keks;
  private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

  public Pseudonymizer(KeyEncryptionKeys keks) {
    this.keks = keks;
  }

  /** Null stays null; otherwise the value's pseudonym (exact bytes: normalise before, if that is wanted). */
  public String token(String tenantId, String value) {
    if (value == null) {
      return null;
    }
    SecretKeySpec key = keys.computeIfAbsent(tenantId, t -> new SecretKeySpec(keks.pseudonymKey(t), "HmacSHA256"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
