package org.switchboard.caseapi.contacts.preferences;

/** Audit actions of contact preferences (docs/outbound.md, "Audit"); add, never rename. */
public final class PreferenceAuditActions {

  public static final String CONTACT_PREFERENCES_VIEWED = "CONTACT_PREFERENCES_VIEWED";
  /** details.fields names what changed, details.optedOut/optedIn the channels; never values of free text. */
  public static final String CONTACT_PREFERENCES_CHANGED = "CONTACT_PREFERENCES_CHANGED";
  /** The contact opted out of a channel by keyword (STOP, UNSUBSCRIBE, ARRET); details name channel and message. */
  public static final String CONTACT_OPTED_OUT = "CONTACT_OPTED_OUT";
  /** The contact opted back in by keyword (START). */
  public static final String CONTACT_OPTED_IN = "CONTACT_OPTED_IN";

  private PreferenceAuditActions() {
  }
}
