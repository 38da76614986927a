package org.switchboard.caseapi.audit;

/**
 * Append-only, hash-chained record of security-relevant actions. {@link #record} joins the caller's
 * transaction when there is one (the event exists exactly when the change does) and commits on its own
 * otherwise (logins, denials, reads).
 */
public interface AuditTrail {

  void record(AuditEvent event);
}
