package org.switchboard.caseapi.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex: input hashes of audit records and cache keys. */
public final class Hashes {

  private Hashes() {
  }

  public static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  /** Hash of several parts, unambiguous (length-prefixed) so no two different part lists hash alike. */
  public static String sha256(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      String p = part == null ? "\u0000" : part;
      out.append(p.length()).append(':').append(p).append(';');
    }
    return sha256(out.toString());
  }
}
