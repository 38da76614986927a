package org.switchboard.caseapi.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertFieldErrors;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseType;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class MaskingAndRevealTest {

  static final String FORM = """
      {"type": "default", "components": [
        {"id": "f1", "type": "textfield", "key": "abuserName", "label": "Name of the abuser",
         "properties": {"classification": "restricted"}},
        {"id": "f2", "type": "textfield", "key": "safeWord", "label": "Safe word",
         "properties": {"classification": "confidential"}},
        {"id": "f3", "type": "textfield", "key": "plainRef", "label": "Reference"}]}
      """;

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  CaseTypeRepository caseTypes;

  String tenant;
  String agent;
  ApiClient agentApi;
  String caseId;
  String secret;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    agentApi = fixtures.as(agent);
    caseTypes.insert(new CaseType(UUID.randomUUID().toString(), tenant, "masking-test", "Masking test", "generic",
        "CaseLifecycle", FORM, null, false, true, Instant.now()));
    secret = "Abuser-" + UUID.randomUUID();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", "masking-test");
    body.put("title", "Masked case");
    body.put("description", "Caller describes the situation");
    body.put("customFields", Map.of("abuserName", secret, "safeWord", "bluebird", "plainRef", "R-7"));
    body.put("intake", Map.of("category", "general", "immediateDanger", false));
    ApiClient.Response created = agentApi.post("/api/v1/cases", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    caseId = created.json().path("id").asText();
    assertThat(created.text()).doesNotContain(secret);
  }

  @Test
  void restrictedFieldsAreMaskedForEveryoneConfidentialOnesForAuditors() {
    JsonNode asAgent = agentApi.get(path()).json();
    assertThat(asAgent.path("customFields").path("abuserName").asText()).isEqualTo(MaskingPolicy.MASK);
    assertThat(asAgent.path("customFields").path("safeWord").asText()).isEqualTo("bluebird");
    assertThat(asAgent.path("description").asText()).isEqualTo("Caller describes the situation");
    assertThat(asAgent.path("masked")).extracting(JsonNode::asText).containsExactly("customFields.abuserName");

    ApiClient.Response asSupervisor = fixtures.as(fixtures.supervisor(tenant)).get(path());
    assertThat(asSupervisor.text()).doesNotContain(secret);

    ApiClient auditor = fixtures.as(fixtures.user(tenant, Roles.AUDITORS));
    JsonNode asAuditor = auditor.get(path()).json();
    assertThat(asAuditor.path("description").asText()).isEqualTo(MaskingPolicy.MASK);
    assertThat(asAuditor.path("customFields").path("safeWord").asText()).isEqualTo(MaskingPolicy.MASK);
    assertThat(asAuditor.path("customFields").path("abuserName").asText()).isEqualTo(MaskingPolicy.MASK);
    assertThat(asAuditor.path("customFields").path("plainRef").asText()).isEqualTo("R-7");
    assertThat(asAuditor.path("masked")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("description", "customFields.abuserName", "customFields.safeWord");
    assertThat(auditor.get("/api/v1/cases?caseType=masking-test").text()).doesNotContain(secret, "bluebird");

    assertThat(agentApi.post(path() + "/notes", Map.of("body", "Private note")).status()).isEqualTo(201);
    JsonNode notes = auditor.get("/api/v1/cases/" + caseId + "/notes").json().path("items");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).path("body").asText()).isEqualTo(MaskingPolicy.MASK);
    assertThat(agentApi.get("/api/v1/cases/" + caseId + "/notes").json().path("items").get(0).path("body").asText())
        .isEqualTo("Private note");
  }

  @Test
  void supervisorRevealsAndTheRevealIsAuditedWithoutValues() {
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));

    ApiClient.Response revealed = supervisor.post(path() + "/reveal",
        Map.of("fields", List.of("customFields.abuserName", "description")));

    assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
    assertThat(revealed.header("Cache-Control")).contains("no-store");
    assertThat(revealed.json().path("values").path("customFields.abuserName").asText()).isEqualTo(secret);
    assertThat(revealed.json().path("values").path("description").asText())
        .isEqualTo("Caller describes the situation");
    Map<String, Object> event = jdbc.sql("SELECT * FROM audit_event WHERE action = 'REVEALED' AND object_id = :id")
        .param("id", caseId).query().singleRow();
    assertThat(event).containsEntry("outcome", "SUCCESS").containsEntry("tenant_id", tenant)
        .containsEntry("object_type", "case");
    assertThat((String) event.get("details")).contains("customFields.abuserName", "description")
        .doesNotContain(secret);
  }

  @Test
  void agentsRevealOnlyOnCasesAssignedToThemAndAuditorsNever() {
    ApiClient.Response refused = agentApi.post(path() + "/reveal", Map.of("fields", List.of("customFields.abuserName")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).doesNotContain(secret);
    assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'REVEALED' AND object_id = :id")
        .param("id", caseId).query(String.class).list()).containsExactly("DENIED");

    ApiClient auditor = fixtures.as(fixtures.user(tenant, Roles.AUDITORS));
    assertThat(auditor.post(path() + "/reveal", Map.of("fields", List.of("customFields.abuserName"))).status())
        .isEqualTo(403);

    jdbc.sql("UPDATE case_record SET assignee = :a WHERE id = :id").param("a", agent).param("id", caseId).update();
    ApiClient.Response allowed = agentApi.post(path() + "/reveal", Map.of("fields", List.of("customFields.abuserName")));
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
    assertThat(allowed.json().path("values").path("customFields.abuserName").asText()).isEqualTo(secret);
  }

  @Test
  void refusesFieldsThatAreNotSensitiveNamingEach() {
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));
    assertFieldErrors(supervisor.post(path() + "/reveal",
        Map.of("fields", List.of("customFields.abuserName", "customFields.plainRef", "title"))), 400,
        "fields[1]", "fields[2]");
    assertFieldErrors(supervisor.post(path() + "/reveal", Map.of("fields", List.of())), 400, "fields");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'REVEALED' AND object_id = :id")
        .param("id", caseId).query(Long.class).single()).isZero();
  }

  @Test
  void sendingAMaskedValueBackKeepsTheStoredValue() {
    JsonNode read = agentApi.get(path()).json();
    Map<String, Object> patch = Map.of("customFields", Map.of("abuserName", MaskingPolicy.MASK, "plainRef", "R-8"),
        "version", read.path("version").asLong());

    ApiClient.Response updated = agentApi.patch(path(), patch);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));
    assertThat(supervisor.post(path() + "/reveal", Map.of("fields", List.of("customFields.abuserName"))).json()
        .path("values").path("customFields.abuserName").asText()).isEqualTo(secret);
    assertThat(agentApi.get(path()).json().path("customFields").path("plainRef").asText()).isEqualTo("R-8");
  }

  private String path() {
    return "/api/v1/cases/" + caseId;
  }
}
