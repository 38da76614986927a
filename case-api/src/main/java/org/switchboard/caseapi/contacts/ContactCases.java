package org.switchboard.caseapi.contacts;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;

/** The cases whose subject a contact is, deleted and merged ones included: they still hold the contact's data. */
@Component
public class ContactCases {

  private final JdbcClient jdbc;
  private final CaseRepository cases;

  public ContactCases(JdbcClient jdbc, CaseRepository cases) {
    this.jdbc = jdbc;
    this.cases = cases;
  }

  public List<CaseRecord> of(Contact contact) {
    return jdbc.sql("SELECT id FROM case_record WHERE contact_id = :contact AND tenant_id = :t ORDER BY created_at, id")
        .param("contact", contact.id()).param("t", contact.tenantId())
        .query(String.class).list().stream()
        .map(id -> cases.findById(id).orElseThrow())
        .toList();
  }
}
