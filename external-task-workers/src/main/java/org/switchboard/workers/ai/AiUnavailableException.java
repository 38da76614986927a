package org.switchboard.workers.ai;

/** The provider could not answer (down, timed out, refused, not configured); the gateway falls back to the next one. */
public class AiUnavailableException extends RuntimeException {

  public AiUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public AiUnavailableException(String message) {
    super(message);
  }
}
