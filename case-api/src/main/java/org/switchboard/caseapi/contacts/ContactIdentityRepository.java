package org.switchboard.caseapi.contacts;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.crypto.DecryptionFailedException;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.Pseudonymizer;
import org.switchboard.caseapi.crypto.Subject;

/**
 * Contact identities: the handle encrypted under the contact's data key (erasing the contact erases it), found
 * through its blind index {@link Pseudonymizer#token} of the normalised handle, unique per tenant and kind.
 */
@Repository
public class ContactIdentityRepository {

  static final String TABLE = "contact_identity";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final Pseudonymizer pseudonymizer;

  public ContactIdentityRepository(JdbcClient jdbc, FieldCipher cipher, Pseudonymizer pseudonymizer) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.pseudonymizer = pseudonymizer;
  }

  public void insert(ContactIdentity i) {
    jdbc.sql("""
        INSERT INTO contact_identity (id, tenant_id, contact_id, kind, handle, handle_index, created_at, created_by)
        VALUES (:id, :t, :contact, :kind, :handle, :index, :at, :by)
        """)
        .param("id", i.id()).param("t", i.tenantId()).param("contact", i.contactId()).param("kind", i.kind().name())
        .param("handle", seal(i.id(), i.tenantId(), i.contactId(), i.handle()))
        .param("index", index(i.tenantId(), i.kind(), i.handle()))
        .param("at", ts(i.createdAt())).param("by", i.createdBy())
        .update();
  }

  public Optional<ContactIdentity> findByHandle(String tenantId, IdentityKind kind, String normalisedHandle) {
    return jdbc.sql("SELECT * FROM contact_identity WHERE tenant_id = :t AND kind = :k AND handle_index = :i")
        .param("t", tenantId).param("k", kind.name()).param("i", index(tenantId, kind, normalisedHandle))
        .query(this::map).optional();
  }

  public Optional<ContactIdentity> findById(String id) {
    return jdbc.sql("SELECT * FROM contact_identity WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public List<ContactIdentity> ofContact(String contactId) {
    return jdbc.sql("SELECT * FROM contact_identity WHERE contact_id = :c ORDER BY created_at, id")
        .param("c", contactId).query(this::map).list();
  }

  /**
   * Moves the identity to another contact, re-encrypting its handle under that contact's key.
   *
   * @param identity with the handle in clear (after an erasure: the handle the message just brought)
   */
  public void moveTo(ContactIdentity identity, String contactId) {
    jdbc.sql("UPDATE contact_identity SET contact_id = :c, handle = :h WHERE id = :id")
        .param("c", contactId).param("h", seal(identity.id(), identity.tenantId(), contactId, identity.handle()))
        .param("id", identity.id()).update();
  }

  public int deleteOfContact(String contactId) {
    return jdbc.sql("DELETE FROM contact_identity WHERE contact_id = :c").param("c", contactId).update();
  }

  String index(String tenantId, IdentityKind kind, String normalisedHandle) {
    return pseudonymizer.token(tenantId, kind.name() + ":" + normalisedHandle);
  }

  private String seal(String id, String tenantId, String contactId, String handle) {
    return cipher.encrypt(new FieldRef(TABLE, id, "handle", tenantId), Subject.ofContact(contactId), handle);
  }

  private ContactIdentity map(ResultSet rs, int n) throws SQLException {
    String id = rs.getString("id");
    String tenantId = rs.getString("tenant_id");
    String handle;
    try {
      handle = cipher.decrypt(new FieldRef(TABLE, id, "handle", tenantId), rs.getString("handle"));
    } catch (DecryptionFailedException shredded) {
      // The contact was erased (its key destroyed): the handle is gone, the blind index still finds the row.
      handle = null;
    }
    return new ContactIdentity(id, tenantId, rs.getString("contact_id"), IdentityKind.valueOf(rs.getString("kind")),
        handle, instant(rs, "created_at"), rs.getString("created_by"));
  }
}
