package org.switchboard.caseapi.contacts;

import java.util.List;

/** The names of a contact's identifying fields, as a contact's {@code masked} list and the reveal action use them. */
public final class ContactFields {

  public static final String DISPLAY_NAME = "displayName";
  public static final String PHONE = "phoneE164";
  public static final String EMAIL = "email";
  public static final List<String> ALL = List.of(DISPLAY_NAME, PHONE, EMAIL);

  private ContactFields() {
  }
}
