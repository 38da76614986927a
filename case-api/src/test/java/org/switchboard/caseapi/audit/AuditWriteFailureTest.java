package org.switchboard.caseapi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/**
 * reliability.md A-3: when the audit trail cannot be written, the audited action does not happen (fail closed).
 * The failure is injected with a PostgreSQL trigger that refuses audit rows of this test's tenant only.
 */
@SwitchboardTest
class AuditWriteFailureTest {

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void aChangeWhoseAuditRowCannotBeWrittenIsNotMade() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient.Response created = agent.post("/api/v1/cases", Map.of("caseType", "general-enquiry",
        "title", "Audit outage", "intake", Map.of("category", "general", "immediateDanger", false)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String caseId = created.json().path("id").asText();
    String function = "refuse_audit_" + tenant.replace('-', '_');
    jdbc.sql("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "IF NEW.tenant_id = '" + tenant + "' THEN RAISE EXCEPTION 'audit store down (test)'; END IF; "
        + "RETURN NEW; END $$").update();
    jdbc.sql("CREATE TRIGGER " + function + " BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION "
        + function + "()").update();
    try {
      ApiClient.Response note = agent.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", "unaudited?"));
      assertThat(note.status()).as(note.toString()).isGreaterThanOrEqualTo(500);
      ApiClient.Response patch = agent.send(agent.request("/api/v1/cases/" + caseId)
          .header("Content-Type", "application/json").header("If-Match", created.header("ETag"))
          .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"changed\"}")));
      assertThat(patch.status()).as(patch.toString()).isGreaterThanOrEqualTo(500);
    } finally {
      jdbc.sql("DROP TRIGGER " + function + " ON audit_event").update();
      jdbc.sql("DROP FUNCTION " + function + "()").update();
    }

    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_note WHERE case_id = :c").param("c", caseId).query(Long.class)
        .single()).as("note without its audit row").isZero();
    assertThat(jdbc.sql("SELECT title FROM case_record WHERE id = :c").param("c", caseId).query(String.class)
        .single()).isEqualTo("Audit outage");
    // With the audit store back, the same action goes through and is recorded.
    assertThat(agent.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", "audited")).status()).isEqualTo(201);
  }
}
