package org.switchboard.workers.channels;

/** BPMN error codes of refused sends, modeled as error boundary events on every send task. */
public final class RefusalCodes {

  /** The contact's safety preferences forbid this channel or this time (hard rule for survivor support). */
  public static final String UNSAFE_TO_CONTACT = "UNSAFE_TO_CONTACT";
  /** The contact asked not to be contacted, or opted out (e.g. replied STOP). */
  public static final String OPTED_OUT = "OPTED_OUT";
  /** WhatsApp/Messenger: outside the 24-hour customer-service window and no approved template given. */
  public static final String WINDOW_CLOSED = "WINDOW_CLOSED";
  /** The tenant has no usable account (or secret) for the channel. */
  public static final String CHANNEL_NOT_CONFIGURED = "CHANNEL_NOT_CONFIGURED";
  /** The provider rejected the recipient (invalid or unreachable number/address). */
  public static final String INVALID_RECIPIENT = "INVALID_RECIPIENT";
  /** An earlier attempt may have reached the provider and was never confirmed: a person must check. */
  public static final String SEND_IN_DOUBT = "SEND_IN_DOUBT";

  private RefusalCodes() {
  }
}
