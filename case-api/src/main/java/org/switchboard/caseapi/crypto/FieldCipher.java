package org.switchboard.caseapi.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import org.springframework.stereotype.Component;

/**
 * Encrypts single text values for storage in TEXT columns: {@code v1:<keyId>:<base64(nonce|ciphertext|tag)>}.
 * The associated data binds the format version, the key id and the {@link FieldRef} (table, row, field,
 * tenant). A stored value that is not in this format is plaintext written before encryption existed; it
 * reads as is and the next rotation run encrypts it.
 */
@Component
public class FieldCipher {

  static final String FORMAT = "v1";
  private static final Pattern CIPHERTEXT = Pattern.compile(
      "v1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9+/]+=*)");

  private final DataKeys dataKeys;

  public FieldCipher(DataKeys dataKeys) {
    this.dataKeys = dataKeys;
  }

  public String encrypt(FieldRef ref, Subject subject, String plaintext) {
    if (plaintext == null) {
      return null;
    }
    byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; ; attempt++) {
      DataKeys.ActiveKey key = dataKeys.active(ref.tenantId(), subject);
      try {
        byte[] sealed = key.seal(ref.associatedData(FORMAT, key.id()), bytes);
        return FORMAT + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(sealed);
      } catch (DataKeys.KeyExhaustedException e) {
        if (attempt > 2) {
          throw e;
        }
        dataKeys.retireExhausted(e.keyId());
      }
    }
  }

  /**
   * @throws DecryptionFailedException when the value was altered or belongs to another row, field or
   *     tenant (the GCM tag does not verify), or its key is unknown
   */
  public String decrypt(FieldRef ref, String stored) {
    if (stored == null) {
      return null;
    }
    Matcher m = CIPHERTEXT.matcher(stored);
    if (!m.matches()) {
      return stored;
    }
    String keyId = m.group(1);
    try {
      byte[] plain = Aead.open(dataKeys.material(keyId), ref.associatedData(FORMAT, keyId),
          Base64.getDecoder().decode(m.group(2)));
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new DecryptionFailedException("Stored value of " + ref + " failed authentication: it was altered or "
          + "belongs to another row, field or tenant", e);
    }
  }

  /** The key a stored value was encrypted with; empty for null and legacy plaintext. */
  public static Optional<String> keyIdOf(String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    Matcher m = CIPHERTEXT.matcher(stored);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
