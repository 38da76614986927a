package org.switchboard.caseapi.conversations;

/**
 * The front door of every inbound message. {@link #accept} stores the raw message durably (unique by channel
 * and provider message id) and returns; contact resolution, threading, case start or correlation and media
 * fetching continue asynchronously and are retried until they succeed. Duplicates are a no-op.
 */
public interface InboundReception {

  Acceptance accept(InboundMessage message);

  /** @param messageId Switchboard's id of the stored message; @param duplicate true when it was already there */
  record Acceptance(String messageId, boolean duplicate) {
  }
}
