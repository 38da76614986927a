package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertFieldErrors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class ContactMaskingTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  CaseTypeRepository caseTypes;

  String tenant;
  ApiClient agent;
  SubjectData subject;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    SubjectData.caseType(caseTypes, tenant, "generic");
    agent = fixtures.as(fixtures.agent(tenant));
    subject = SubjectData.create(agent, 1);
  }

  @Test
  void agentsAndServiceAccountsSeeMaskedIdentifiersSupervisorsAndAdminsClear() {
    String name = subject.canary + " Name";
    String email = subject.canary.toLowerCase() + "@example.org";
    for (ApiClient masked : List.of(agent)) {
      ApiClient.Response response = masked.get(path(""));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      JsonNode contact = response.json();
      assertThat(contact.path("phoneE164").asText()).isEqualTo("+49•••••••78");
      assertThat(contact.path("email").asText()).isEqualTo("c•••@•••.org");
      assertThat(contact.path("displayName").asText()).isEqualTo("C••• N•••");
      assertThat(contact.path("masked")).extracting(JsonNode::asText)
          .containsExactly("displayName", "phoneE164", "email");
      assertThat(response.text()).doesNotContain(subject.canary).doesNotContain("15112345678");
    }
    ApiClient.Response created = fixtures.as(fixtures.user(tenant, Roles.SERVICE_ACCOUNTS)).post("/api/v1/contacts",
        Map.of("displayName", "Service Caller", "phoneE164", "+441234567890", "email", "svc@example.org"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.text()).doesNotContain("Service Caller").doesNotContain("1234567890")
        .doesNotContain("svc@example.org").contains("+44•••••••90");

    for (ApiClient clear : List.of(fixtures.as(fixtures.supervisor(tenant)),
        fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS)), fixtures.as(fixtures.admin()))) {
      JsonNode contact = clear.get(path("")).json();
      assertThat(contact.path("displayName").asText()).isEqualTo(name);
      assertThat(contact.path("phoneE164").asText()).isEqualTo("+4915112345678");
      assertThat(contact.path("email").asText()).isEqualTo(email);
      assertThat(contact.path("masked")).isEmpty();
    }
  }

  @Test
  void anAgentWorkingACaseOfTheContactRevealsInClearAndTheRevealIsAudited() {
    ApiClient.Response revealed = agent.post(path("/reveal"), Map.of("fields", List.of("phone", "email",
        "displayName")));
    assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
    assertThat(revealed.header("Cache-Control")).contains("no-store");
    assertThat(revealed.json().path("contactId").asText()).isEqualTo(subject.contactId);
    JsonNode values = revealed.json().path("values");
    assertThat(values.path("phone").asText()).isEqualTo("+4915112345678");
    assertThat(values.path("email").asText()).isEqualTo(subject.canary.toLowerCase() + "@example.org");
    assertThat(values.path("displayName").asText()).isEqualTo(subject.canary + " Name");

    Map<String, Object> event = jdbc.sql(
            "SELECT * FROM audit_event WHERE action = 'REVEALED' AND object_type = 'contact' AND object_id = :id")
        .param("id", subject.contactId).query().singleRow();
    assertThat(event.get("outcome")).isEqualTo("SUCCESS");
    assertThat(event.get("tenant_id")).isEqualTo(tenant);
    assertThat((String) event.get("details")).contains("phone").contains("email").contains("displayName")
        .doesNotContain(subject.canary).doesNotContain("15112345678");

    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));
    assertThat(supervisor.post(path("/reveal"), Map.of("fields", List.of("email"))).status()).isEqualTo(200);
  }

  @Test
  void anAgentWhoSeesNoCaseOfTheContactIsRefusedAndTheRefusalAudited() {
    ApiClient outsider = fixtures.as(fixtures.user(tenant, Roles.AGENTS));
    ApiClient.Response refused = outsider.post(path("/reveal"), Map.of("fields", List.of("phone")));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.text()).doesNotContain("15112345678");
    assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'REVEALED' AND object_id = :id")
        .param("id", subject.contactId).query(String.class).list()).containsExactly("DENIED");

    // A contact without cases: nobody works it, so no agent may reveal it.
    String lonely = SubjectData.created(agent.post("/api/v1/contacts", Map.of("displayName", "Lonely Caller")));
    assertThat(agent.post("/api/v1/contacts/" + lonely + "/reveal", Map.of("fields", List.of("displayName")))
        .status()).isEqualTo(403);
  }

  @Test
  void unknownFieldsAreNamedAndForeignContactsAnswer404() {
    ApiClient.Response bad = agent.post(path("/reveal"), Map.of("fields", List.of("email", "address")));
    assertFieldErrors(bad, 400, "fields[1]");

    String other = fixtures.tenant("generic");
    ApiClient foreignAdmin = fixtures.as(fixtures.user(other, Roles.TENANT_ADMINS));
    assertThat(foreignAdmin.post(path("/reveal"), Map.of("fields", List.of("email"))).status()).isEqualTo(404);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'REVEALED' AND object_id = :id")
        .param("id", subject.contactId).query(Long.class).single()).isZero();
  }

  private String path(String suffix) {
    return "/api/v1/contacts/" + subject.contactId + suffix;
  }
}
