package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.crypto.CaseDataProtection;
import org.switchboard.caseapi.crypto.DecryptionFailedException;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.documents.FileStore;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** reliability.md G-1 for the stores Switchboard has today: database (ACT_* included) and file store. */
@SwitchboardTest
class SubjectErasureTest {

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired CaseTypeRepository caseTypes;
  @Autowired CaseDataProtection protection;
  @Autowired FieldCipher cipher;
  @Autowired FileStore files;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;

  String tenant;
  ApiClient agent;
  ApiClient tenantAdmin;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
    tenantAdmin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    SubjectData.caseType(caseTypes, tenant, "generic");
  }

  @Test
  void erasureLeavesTheCanaryInNoTableShredsTheKeysAndIsAudited() {
    SubjectData subject = SubjectData.create(agent, 2);
    SubjectData bystander = SubjectData.create(agent, 1);
    String caseId = subject.caseIds.get(0);
    String storedDescription = jdbc.sql("SELECT description FROM case_record WHERE id = :id").param("id", caseId)
        .query(String.class).single();
    String storedName = jdbc.sql("SELECT display_name FROM contact WHERE id = :id").param("id", subject.contactId)
        .query(String.class).single();
    List<String> storageKeys = jdbc.sql("SELECT v.storage_key FROM document_version v JOIN document d "
        + "ON d.id = v.document_id WHERE d.case_id IN (:ids)").param("ids", subject.caseIds).query(String.class).list();
    assertThat(storageKeys).hasSize(2);
    // The canary is in clear in the titles before: the scan does find what is there.
    assertThat(DatabaseScan.find(jdbc, subject.canary)).contains("case_record.title");
    assertThat(DatabaseScan.scannedTables(jdbc)).contains("act_hi_procinst", "act_ge_bytearray", "act_ru_variable");

    ApiClient.Response summary = agent.post("/api/v1/ai/summarize", Map.of("caseId", caseId));
    assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_result WHERE object_id = :c AND output IS NOT NULL")
        .param("c", caseId).query(Long.class).single()).isPositive();

    ApiClient.Response erased = tenantAdmin.post("/api/v1/contacts/" + subject.contactId + "/erase",
        Map.of("reason", "Art. 17 request 2026-11-26"));
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(erased.json().path("casesErased").asInt()).isEqualTo(2);
    // AI results about the case keep their audit facts only; the tenant's result cache is gone.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_result WHERE object_id = :c AND output IS NOT NULL")
        .param("c", caseId).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_cache WHERE tenant_id = :t").param("t", tenant).query(Long.class)
        .single()).isZero();
    assertThat(erased.json().path("casesRetained").asInt()).isZero();

    assertThat(DatabaseScan.find(jdbc, subject.canary)).isEmpty();
    assertThat(DatabaseScan.find(jdbc, subject.canary.toLowerCase())).isEmpty();
    assertThatThrownBy(() -> protection.openDescription(caseId, tenant, storedDescription))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> cipher.decrypt(new FieldRef("contact", subject.contactId, "display_name", tenant),
        storedName)).isInstanceOf(DecryptionFailedException.class);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM data_key WHERE subject_id IN (:ids)")
        .param("ids", List.of(caseId, subject.caseIds.get(1), subject.contactId)).query(Long.class).single()).isZero();
    for (String key : storageKeys) {
      assertThatThrownBy(() -> files.get(key).close()).isInstanceOf(Exception.class);
    }
    for (String id : subject.caseIds) {
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
      assertThat(agent.get("/api/v1/cases/" + id).status()).isEqualTo(404);
    }

    JsonNode contact = tenantAdmin.get("/api/v1/contacts/" + subject.contactId).json();
    assertThat(contact.hasNonNull("erasedAt")).isTrue();
    assertThat(contact.hasNonNull("displayName")).isFalse();
    String details = jdbc.sql("SELECT details FROM audit_event WHERE action = 'SUBJECT_ERASED' AND object_id = :c")
        .param("c", subject.contactId).query(String.class).single();
    assertThat(details).contains("\"casesErased\":2").contains("\"notes\":2").contains("\"documents\":2")
        .doesNotContain(subject.canary);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE event_type = 'ContactErased' AND aggregate_id = :c")
        .param("c", subject.contactId).query(Long.class).single()).isEqualTo(1);

    // The bystander keeps everything.
    JsonNode other = agent.get("/api/v1/cases/" + bystander.caseIds.get(0)).json();
    assertThat(other.path("description").asText()).isEqualTo(bystander.canary + " description 0");
    assertThat(tenantAdmin.get("/api/v1/contacts/" + bystander.contactId).json().path("displayName").asText())
        .isEqualTo(bystander.canary + " Name");
    assertThat(tenantAdmin.post("/api/v1/contacts/" + subject.contactId + "/erase", Map.of("reason", "again"))
        .status()).isEqualTo(409);
  }

  @Test
  void aLegalHoldStopsErasureWithItsReasonUntilReleased() {
    SubjectData subject = SubjectData.create(agent, 1);
    ApiClient.Response hold = tenantAdmin.post("/api/v1/contacts/" + subject.contactId + "/legal-holds",
        Map.of("reason", "Litigation 4 O 123/26"));
    assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
    String holdId = hold.json().path("id").asText();

    ApiClient.Response refused = tenantAdmin.post("/api/v1/contacts/" + subject.contactId + "/erase",
        Map.of("reason", "Art. 17 request"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).contains("Litigation 4 O 123/26");
    assertThat(agent.get("/api/v1/cases/" + subject.caseIds.get(0)).json().path("description").asText())
        .isEqualTo(subject.canary + " description 0");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SUBJECT_ERASURE_REFUSED' "
        + "AND object_id = :c").param("c", subject.contactId).query(Long.class).single()).isEqualTo(1);

    assertThat(agent.delete("/api/v1/contacts/" + subject.contactId + "/legal-holds/" + holdId).status())
        .isEqualTo(403);
    ApiClient.Response released = tenantAdmin.delete("/api/v1/contacts/" + subject.contactId + "/legal-holds/"
        + holdId);
    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    assertThat(released.json().path("active").asBoolean()).isFalse();
    assertThat(tenantAdmin.post("/api/v1/contacts/" + subject.contactId + "/erase", Map.of("reason", "Art. 17"))
        .status()).isEqualTo(200);
  }

  @Test
  void healthcareRetentionKeepsTheCaseRecordButErasesTheContactsIdentity() {
    String clinic = fixtures.tenant("healthcare");
    SubjectData.caseType(caseTypes, clinic, "healthcare");
    ApiClient clinicAgent = fixtures.as(fixtures.agent(clinic));
    SubjectData patient = SubjectData.create(clinicAgent, 1);

    ApiClient.Response erased = fixtures.as(fixtures.user(clinic, Roles.TENANT_ADMINS))
        .post("/api/v1/contacts/" + patient.contactId + "/erase", Map.of("reason", "Art. 17 request"));
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(erased.json().path("casesRetained").asInt()).isEqualTo(1);
    assertThat(erased.json().path("retentionReason").asText()).contains("healthcare").contains("P10Y");

    assertThat(clinicAgent.get("/api/v1/cases/" + patient.caseIds.get(0)).json().path("description").asText())
        .isEqualTo(patient.canary + " description 0");
    JsonNode contact = clinicAgent.get("/api/v1/contacts/" + patient.contactId).json();
    assertThat(contact.hasNonNull("displayName")).isFalse();
    assertThat(contact.hasNonNull("email")).isFalse();
    assertThat(jdbc.sql("SELECT details FROM audit_event WHERE action = 'SUBJECT_ERASED' AND object_id = :c")
        .param("c", patient.contactId).query(String.class).single()).contains("retentionReason");
  }
}
