package org.switchboard.caseapi.crypto;

/**
 * The data subject a data key belongs to: shredding that one key makes everything about the subject
 * unreadable. Cases are subjects of their own; contacts join when contact records exist.
 */
public record Subject(String type, String id) {

  public static final String CASE = "CASE";
  public static final String CONTACT = "CONTACT";

  public static Subject ofCase(String caseId) {
    return new Subject(CASE, caseId);
  }

  public static Subject ofContact(String contactId) {
    return new Subject(CONTACT, contactId);
  }
}
