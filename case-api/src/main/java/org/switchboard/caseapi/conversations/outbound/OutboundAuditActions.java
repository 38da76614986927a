package org.switchboard.caseapi.conversations.outbound;

/** Audit actions of the outbound path (docs/outbound.md, "Audit"); add, never rename. */
public final class OutboundAuditActions {

  /** A send was refused before anything was stored; details.code is the refusal code. */
  public static final String MESSAGE_SEND_REFUSED = "MESSAGE_SEND_REFUSED";
  /** An outbound message's state was shown. */
  public static final String MESSAGE_VIEWED = "MESSAGE_VIEWED";
  /** A sender of the contact's safety preferences was overridden (never possible for survivor support). */
  public static final String CONTACT_PREFERENCES_OVERRIDDEN = "CONTACT_PREFERENCES_OVERRIDDEN";
  public static final String MESSAGE_TEMPLATE_CREATED = "MESSAGE_TEMPLATE_CREATED";
  public static final String MESSAGE_TEMPLATE_UPDATED = "MESSAGE_TEMPLATE_UPDATED";
  public static final String MESSAGE_TEMPLATE_DELETED = "MESSAGE_TEMPLATE_DELETED";
  public static final String CANNED_RESPONSE_CREATED = "CANNED_RESPONSE_CREATED";
  public static final String CANNED_RESPONSE_UPDATED = "CANNED_RESPONSE_UPDATED";
  public static final String CANNED_RESPONSE_DELETED = "CANNED_RESPONSE_DELETED";
  /** A media link for a provider was fetched; details name message and document. */
  public static final String MEDIA_FETCHED = "MEDIA_FETCHED";

  /** Case history change types. */
  public static final String CHANGE_MESSAGE_QUEUED = "MESSAGE_QUEUED";
  public static final String CHANGE_MESSAGE_REFUSED = "MESSAGE_REFUSED";

  private OutboundAuditActions() {
  }
}
