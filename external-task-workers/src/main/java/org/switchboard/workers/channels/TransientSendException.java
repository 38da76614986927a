package org.switchboard.workers.channels;

/** The provider could not be reached or asked us to come back later; retrying may succeed. */
public class TransientSendException extends RuntimeException {

  public TransientSendException(String message, Throwable cause) {
    super(message, cause);
  }
}
