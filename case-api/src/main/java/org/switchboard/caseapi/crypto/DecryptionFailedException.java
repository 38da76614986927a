package org.switchboard.caseapi.crypto;

/**
 * A stored ciphertext did not authenticate: it was altered, or it belongs to another row, field or
 * tenant (GCM tag mismatch), or its key is unknown. Never carries plaintext or key material.
 */
public class DecryptionFailedException extends RuntimeException {

  public DecryptionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
