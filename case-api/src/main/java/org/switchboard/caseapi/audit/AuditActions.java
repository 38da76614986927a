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

  private AuditActions() {
  }
}
