package org.switchboard.caseapi.contacts;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.Subject;

/**
 * Contacts, their identifying fields encrypted under the contact's own data key (subject CONTACT), so
 * that shredding that key erases them wherever copies of the rows went.
 */
@Repository
public class ContactRepository {

  static final String TABLE = "contact";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;

  public ContactRepository(JdbcClient jdbc, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  public void insert(Contact c) {
    jdbc.sql("""
        INSERT INTO contact (id, tenant_id, display_name, phone_e164, email, created_at, created_by)
        VALUES (:id, :t, :name, :phone, :email, :at, :by)
        """)
        .param("id", c.id()).param("t", c.tenantId())
        .param("name", seal(c, "display_name", c.displayName()))
        .param("phone", seal(c, "phone_e164", c.phoneE164()))
        .param("email", seal(c, "email", c.email()))
        .param("at", ts(c.createdAt())).param("by", c.createdBy())
        .update();
  }

  public Optional<Contact> findById(String id) {
    return find(id, "");
  }

  public Optional<Contact> findByIdForUpdate(String id) {
    return find(id, " FOR UPDATE");
  }

  /** Blanks the identifying fields and marks the contact erased; its data key is shredded separately. */
  public void markErased(String id, Instant at) {
    jdbc.sql("UPDATE contact SET display_name = NULL, phone_e164 = NULL, email = NULL, erased_at = :at WHERE id = :id")
        .param("at", ts(at)).param("id", id).update();
  }

  private Optional<Contact> find(String id, String lock) {
    return jdbc.sql("SELECT * FROM contact WHERE id = :id" + lock).param("id", id)
        .query((rs, n) -> {
          String contactId = rs.getString("id");
          String tenantId = rs.getString("tenant_id");
          return new Contact(contactId, tenantId,
              open(contactId, tenantId, "display_name", rs.getString("display_name")),
              open(contactId, tenantId, "phone_e164", rs.getString("phone_e164")),
              open(contactId, tenantId, "email", rs.getString("email")),
              instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "erased_at"));
        })
        .optional();
  }

  private String seal(Contact c, String field, String value) {
    return cipher.encrypt(new FieldRef(TABLE, c.id(), field, c.tenantId()), Subject.ofContact(c.id()), value);
  }

  private String open(String id, String tenantId, String field, String stored) {
    return cipher.decrypt(new FieldRef(TABLE, id, field, tenantId), stored);
  }
}
