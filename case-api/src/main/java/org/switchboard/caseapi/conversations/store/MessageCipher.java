package org.switchboard.caseapi.conversations.store;

import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.Subject;

/**
 * Encryption of message and attachment fields: under the tenant's inbound key until the message belongs to a
 * case, under the case's key afterwards. The associated data names table, row, field and tenant, not the key's
 * subject, so re-encryption under another key keeps the reference.
 */
@Component
public class MessageCipher {

  public static final String MESSAGE = "message";
  public static final String ATTACHMENT = "message_attachment";

  private final FieldCipher cipher;

  public MessageCipher(FieldCipher cipher) {
    this.cipher = cipher;
  }

  public String sealInbound(String table, String rowId, String field, String tenantId, String value) {
    return cipher.encrypt(new FieldRef(table, rowId, field, tenantId), Subject.inbound(tenantId), value);
  }

  public String sealForCase(String table, String rowId, String field, String tenantId, String caseId, String value) {
    return cipher.encrypt(new FieldRef(table, rowId, field, tenantId), Subject.ofCase(caseId), value);
  }

  public String open(String table, String rowId, String field, String tenantId, String stored) {
    return cipher.decrypt(new FieldRef(table, rowId, field, tenantId), stored);
  }
}
