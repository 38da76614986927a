package org.switchboard.caseapi.contacts;

import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;

/** The one way API code loads a contact for a caller: another tenant's contact answers like a missing one. */
@Component
public class ContactAccess {

  private final ContactRepository contacts;

  public ContactAccess(ContactRepository contacts) {
    this.contacts = contacts;
  }

  public Contact require(String contactId) {
    return contacts.findById(contactId)
        .filter(c -> CurrentUser.get().canAccessTenant(c.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Contact", contactId));
  }

  /** As {@link #require}, row-locked until the transaction ends (erasure, holds and links serialise on it). */
  public Contact requireForUpdate(String contactId) {
    Contact visible = require(contactId);
    return contacts.findByIdForUpdate(visible.id()).orElseThrow(() -> ApiException.notFound("Contact", contactId));
  }
}
