package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
class ContactsApiTest {

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired CaseTypeRepository caseTypes;

  String tenant;
  ApiClient agent;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
    SubjectData.caseType(caseTypes, tenant, "generic");
  }

  @Test
  void contactDetailsAreStoredEncryptedUnderTheContactsOwnKeyAndReadBackInClear() {
    ApiClient.Response created = agent.post("/api/v1/contacts",
        Map.of("displayName", "Ada Lovelace", "phoneE164", "+441234567890", "email", "ada@example.org"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();

    Map<String, Object> row = jdbc.sql("SELECT * FROM contact WHERE id = :id").param("id", id).query().singleRow();
    assertThat(row.get("tenant_id")).isEqualTo(tenant);
    for (String column : new String[] {"display_name", "phone_e164", "email"}) {
      assertThat((String) row.get(column)).startsWith("v1:").doesNotContain("Ada").doesNotContain("ada@")
          .doesNotContain("1234567890");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM data_key WHERE subject_type = 'CONTACT' AND subject_id = :id")
        .param("id", id).query(Long.class).single()).isEqualTo(1);

    JsonNode read = fixtures.as(fixtures.supervisor(tenant)).get("/api/v1/contacts/" + id).json();
    assertThat(read.path("displayName").asText()).isEqualTo("Ada Lovelace");
    assertThat(read.path("phoneE164").asText()).isEqualTo("+441234567890");
    assertThat(read.path("email").asText()).isEqualTo("ada@example.org");
    assertThat(read.path("tenantId").asText()).isEqualTo(tenant);
  }

  @Test
  void badInputNamesEachFieldAndWritesNothing() {
    long before = jdbc.sql("SELECT COUNT(*) FROM contact").query(Long.class).single();
    ApiClient.Response response = agent.post("/api/v1/contacts",
        Map.of("displayName", " ", "phoneE164", "0151 123", "email", "not-an-email"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("displayName", "phoneE164", "email");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM contact").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void aCaseIsLinkedToAContactOfItsOwnTenantOnly() {
    SubjectData subject = SubjectData.create(agent, 1);
    String caseId = subject.caseIds.get(0);
    JsonNode c = agent.get("/api/v1/cases/" + caseId).json();
    assertThat(c.path("contactId").asText()).isEqualTo(subject.contactId);
    assertThat(agent.get("/api/v1/cases/" + caseId + "/history").text()).contains("contactId");

    String other = fixtures.tenant("generic");
    ApiClient foreign = fixtures.as(fixtures.agent(other));
    String foreignContact = SubjectData.created(foreign.post("/api/v1/contacts", Map.of("displayName", "Other")));
    assertThat(foreign.get("/api/v1/contacts/" + subject.contactId).status()).isEqualTo(404);
    assertThat(agent.get("/api/v1/contacts/" + foreignContact).status()).isEqualTo(404);
    assertThat(agent.put("/api/v1/cases/" + caseId + "/contact", Map.of("contactId", foreignContact)).status())
        .isEqualTo(404);
    assertThat(foreign.put("/api/v1/cases/" + caseId + "/contact", Map.of("contactId", foreignContact)).status())
        .isEqualTo(404);
    assertThat(agent.get("/api/v1/cases/" + caseId).json().path("contactId").asText()).isEqualTo(subject.contactId);
  }
}
