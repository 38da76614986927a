package org.switchboard.caseapi.contacts;

import java.time.Instant;

/** A handle a contact is reachable under (phone number, email address, provider user id); {@code handle} in clear. */
public record ContactIdentity(String id, String tenantId, String contactId, IdentityKind kind, String handle,
    Instant createdAt, String createdBy) {
}
