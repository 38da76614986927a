package org.switchboard.caseapi.audit;

/** Action names of audit events (docs/audit.md lists them all); add, never rename. */
public final class AuditActions {

  /** A case, or a part of it (history, notes, documents, links), was shown; details.view says which. */
  public static final String CASE_VIEWED = "CASE_VIEWED";
  /** A case list was returned; details.count is how many cases it showed. */
  public static final String CASES_LISTED = "CASES_LISTED";
  public static final String DOCUMENT_DOWNLOADED = "DOCUMENT_DOWNLOADED";
  /** Prefix of data changes: CASE_ + the case history's change type (CASE_CREATED, CASE_UPDATED, ...). */
  public static final String CASE_CHANGE_PREFIX = "CASE_";
  public static final String WORKFLOW_DEPLOYED = "WORKFLOW_DEPLOYED";
  public static final String WORKFLOW_UPDATED = "WORKFLOW_UPDATED";
  public static final String CASE_TYPE_SEEDED = "CASE_TYPE_SEEDED";
  public static final String AUDIT_SEARCHED = "AUDIT_SEARCHED";
  public static final String AUDIT_EXPORTED = "AUDIT_EXPORTED";
  /** The chain was verified, by the scheduled job (actor system) or on request. */
  public static final String AUDIT_CHAIN_VERIFIED = "AUDIT_CHAIN_VERIFIED";
  /**
   * The audit retention job deleted old audit events below the chain anchor (actor system:audit-retention);
   * details: seq range, count, per-action counts, cutoff. Outcome FAILURE when it refused a broken chain.
   */
  public static final String AUDIT_PURGED = "AUDIT_PURGED";

  /** Everything held about a data subject was exported; details count what the export held, per kind. */
  public static final String SUBJECT_EXPORTED = "SUBJECT_EXPORTED";
  /** A data subject was erased; details count what was erased or kept (and why), never the values. */
  public static final String SUBJECT_ERASED = "SUBJECT_ERASED";
  /** Erasure was refused because of a legal hold; details name the hold. */
  public static final String SUBJECT_ERASURE_REFUSED = "SUBJECT_ERASURE_REFUSED";
  public static final String LEGAL_HOLD_PLACED = "LEGAL_HOLD_PLACED";
  public static final String LEGAL_HOLD_RELEASED = "LEGAL_HOLD_RELEASED";
  /** The retention job erased cases whose retention period had ended; details count them. */
  public static final String RETENTION_PURGED = "RETENTION_PURGED";

  /** Channel accounts (config): created, changed, disabled; details name the fields, never secrets. */
  public static final String CHANNEL_ACCOUNT_CREATED = "CHANNEL_ACCOUNT_CREATED";
  public static final String CHANNEL_ACCOUNT_UPDATED = "CHANNEL_ACCOUNT_UPDATED";
  public static final String CHANNEL_ACCOUNT_DISABLED = "CHANNEL_ACCOUNT_DISABLED";
  /** The inbox was listed; details.conversationIds names what it showed. */
  public static final String CONVERSATIONS_LISTED = "CONVERSATIONS_LISTED";
  /** Messages of a case or contact were shown; details.messageIds names them. */
  public static final String MESSAGES_VIEWED = "MESSAGES_VIEWED";
  public static final String CONVERSATION_READ = "CONVERSATION_READ";
  /** A contact's identities were listed. */
  public static final String CONTACT_IDENTITIES_VIEWED = "CONTACT_IDENTITIES_VIEWED";
  public static final String CONTACTS_MERGED = "CONTACTS_MERGED";
  public static final String CONTACT_SPLIT = "CONTACT_SPLIT";
  /** An AI service answered (or refused: disabled, quota, unavailable); object = the ai_result row. */
  public static final String AI_RESULT = "AI_RESULT";
  /** A tenant's AI service configuration changed; details name the changed fields, before and after. */
  public static final String AI_SERVICE_CONFIGURED = "AI_SERVICE_CONFIGURED";

  private AuditActions() {
  }
}
