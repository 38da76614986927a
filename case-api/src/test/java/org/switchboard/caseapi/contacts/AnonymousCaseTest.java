package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class AnonymousCaseTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  CaseTypeRepository caseTypes;

  String tenant;
  ApiClient agent;
  ApiClient supervisor;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    SubjectData.caseType(caseTypes, tenant, "generic");
    agent = fixtures.as(fixtures.agent(tenant));
    supervisor = fixtures.as(fixtures.supervisor(tenant));
  }

  @Test
  void anAnonymousCaseRefusesAnyContactAndNeverReferencesOne() {
    ApiClient.Response created = agent.post("/api/v1/cases", caseBody(true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("anonymous").asBoolean()).isTrue();
    String caseId = created.json().path("id").asText();
    String contactId = SubjectData.created(agent.post("/api/v1/contacts", Map.of("displayName", "Would Be Named")));

    ApiClient.Response refused = supervisor.put("/api/v1/cases/" + caseId + "/contact",
        Map.of("contactId", contactId));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.header("Content-Type")).contains("application/problem+json");
    assertThat(refused.json().path("detail").asText()).contains("anonymous");

    JsonNode read = agent.get("/api/v1/cases/" + caseId).json();
    assertThat(read.path("anonymous").asBoolean()).isTrue();
    assertThat(read.hasNonNull("contactId")).isFalse();
    assertThat(jdbc.sql("SELECT contact_id FROM case_record WHERE id = :id").param("id", caseId)
        .query().singleRow().get("contact_id")).isNull();
    assertThat(agent.get("/api/v1/cases/" + caseId + "/history").text()).doesNotContain(contactId)
        .doesNotContain("contactId");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_change WHERE case_id = :id AND fields LIKE :c")
        .param("id", caseId).param("c", "%" + contactId + "%").query(Long.class).single()).isZero();

    // The contact's export knows nothing of the anonymous case.
    ApiClient.Response export = supervisor.get("/api/v1/contacts/" + contactId + "/export");
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.text()).doesNotContain(caseId);
  }

  @Test
  void casesAreNotAnonymousUnlessAskedAndOrdinaryOnesTakeAContact() {
    ApiClient.Response created = agent.post("/api/v1/cases", caseBody(null));
    assertThat(created.json().path("anonymous").asBoolean()).isFalse();
    String caseId = created.json().path("id").asText();
    String contactId = SubjectData.created(agent.post("/api/v1/contacts", Map.of("displayName", "Named Caller")));
    ApiClient.Response linked = agent.put("/api/v1/cases/" + caseId + "/contact", Map.of("contactId", contactId));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
    assertThat(linked.json().path("contactId").asText()).isEqualTo(contactId);
    assertThat(jdbc.sql("SELECT anonymous FROM case_record WHERE id = :id").param("id", caseId)
        .query(Boolean.class).single()).isFalse();
  }

  private static Map<String, Object> caseBody(Boolean anonymous) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", SubjectData.CASE_TYPE);
    body.put("title", "Anonymous caller");
    body.put("intake", Map.of("category", "general", "immediateDanger", false));
    if (anonymous != null) {
      body.put("anonymous", anonymous);
    }
    return body;
  }
}
