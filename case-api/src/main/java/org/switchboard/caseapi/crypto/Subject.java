package org.switchboard.caseapi.crypto;

/**
 * The data subject a data key belongs to: shredding that one key makes everything about the subject
 * unreadable. Cases are subjects of their own; contacts join when contact records exist.
 */
public record Subject(String type, String id) {

  public static final String CASE = "CASE";
  public static final String CONTACT = "CONTACT";
  /**
   * Inbound messages of a tenant before they belong to a case (and contact): one key per tenant, so the webhook
   * path encrypts without knowing the case. Processing re-encrypts them under the case's key.
   */
  public static final String INBOUND = "INBOUND";

  public static Subject ofCase(String caseId) {
    return new Subject(CASE, caseId);
  }

  public static Subject ofContact(String contactId) {
    return new Subject(CONTACT, contactId);
  }

  public static Subject inbound(String tenantId) {
    return new Subject(INBOUND, tenantId);
  }
}
