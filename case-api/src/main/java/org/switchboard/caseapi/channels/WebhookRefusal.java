package org.switchboard.caseapi.channels;

import org.switchboard.workers.channels.ChannelAccount;

/**
 * A webhook request that is not provably from the provider (or for an account that cannot verify it): answered 403
 * and recorded as a security event; nothing from it is stored.
 *
 * @param account the account the request named, when it named a known one
 */
public class WebhookRefusal extends RuntimeException {

  /** Why, as recorded in the audit event: fixed words, never request content. */
  public enum Reason {
    /** No signature header. */
    UNSIGNED,
    /** The signature does not match the request: forged, tampered with, or signed for another URL. */
    BAD_SIGNATURE,
    /** The request names no configured account (unknown number, phone number id, page id), or none at all. */
    UNKNOWN_ACCOUNT,
    /** The request names an account of another provider account (Twilio AccountSid mismatch) or provider. */
    ACCOUNT_MISMATCH,
    /** The account's secret is not configured: the channel refuses traffic rather than skip validation. */
    SECRET_MISSING,
    /** The Meta subscription handshake with a wrong or unconfigured verify token. */
    VERIFY_TOKEN_MISMATCH
  }

  private final String provider;
  private final Reason reason;
  private final transient ChannelAccount account;

  public WebhookRefusal(String provider, Reason reason, ChannelAccount account) {
    super(provider + " webhook refused: " + reason);
    this.provider = provider;
    this.reason = reason;
    this.account = account;
  }

  public String provider() {
    return provider;
  }

  public Reason reason() {
    return reason;
  }

  public ChannelAccount account() {
    return account;
  }
}
