package org.switchboard.caseapi.casetypes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class CaseTypeApiTest {

  private static final List<String> SHARED =
      List.of("customer-service-request", "general-enquiry", "healthcare-enquiry", "survivor-support");

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseTypeRepository repository;
  @Autowired
  SharedCaseTypeSeeder seeder;
  @Autowired
  JdbcClient jdbc;

  @Test
  void theSharedTypesAreListedWithTheirForms() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));

    JsonNode list = agent.get("/api/v1/case-types").json();

    List<String> keys = new ArrayList<>();
    list.forEach(t -> keys.add(t.path("key").asText()));
    assertThat(keys).containsAll(SHARED);
    JsonNode survivor = agent.get("/api/v1/case-types/survivor-support").json();
    assertThat(survivor.path("sector").asText()).isEqualTo("survivor-support");
    assertThat(survivor.path("restricted").asBoolean()).isTrue();
    assertThat(survivor.path("shared").asBoolean()).isTrue();
    assertThat(survivor.path("processKey").asText()).isEqualTo("CaseLifecycle");
    assertThat(survivor.path("form").path("schemaVersion").asInt()).isEqualTo(16);
    JsonNode general = agent.get("/api/v1/case-types/general-enquiry").json();
    List<String> types = new ArrayList<>();
    general.path("form").path("components").forEach(c -> types.add(c.path("type").asText()));
    assertThat(types).contains("textfield", "select", "checkbox", "datetime");
    assertThat(agent.get("/api/v1/case-types/healthcare-enquiry").json().path("sector").asText())
        .isEqualTo("healthcare");
    ApiClient.Response unknown = agent.get("/api/v1/case-types/no-such-type");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void seedingIsIdempotentAndRestoresChangedDefinitions() throws Exception {
    jdbc.sql("UPDATE case_type SET form_definition = :form WHERE tenant_id IS NULL AND type_key = 'general-enquiry'")
        .param("form", "{\"components\":[]}").update();

    seeder.run(null);
    seeder.run(null);

    for (String key : SHARED) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM case_type WHERE tenant_id IS NULL AND type_key = :key")
          .param("key", key).query(Long.class).single()).as(key).isEqualTo(1);
    }
    assertThat(repository.findShared("general-enquiry").orElseThrow().formDefinition()).contains("referenceNumber");
  }

  @Test
  void anOrganisationsOwnTypeReplacesTheSharedOneForItsCasesOnly() {
    String tenant = fixtures.tenant("generic");
    String otherTenant = fixtures.tenant("generic");
    String form = """
        {"id":"Own_GeneralEnquiry","type":"default","schemaVersion":16,"components":[
          {"id":"Field_ward","type":"textfield","key":"ward","label":"Ward","validate":{"required":true}}]}
        """;
    repository.insert(new CaseType(UUID.randomUUID().toString(), tenant, "general-enquiry", "Ward enquiry",
        "healthcare", "CaseLifecycle", form, null, false, true, Instant.now()));
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient stranger = fixtures.as(fixtures.agent(otherTenant));

    JsonNode own = agent.get("/api/v1/case-types/general-enquiry").json();
    assertThat(own.path("shared").asBoolean()).isFalse();
    assertThat(own.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(stranger.get("/api/v1/case-types/general-enquiry").json().path("shared").asBoolean()).isTrue();
    assertThat(stranger.get("/api/v1/case-types").json().findValuesAsText("tenantId")).doesNotContain(tenant);
    assertThat(stranger.get("/api/v1/case-types/general-enquiry?tenantId=" + tenant).status()).isEqualTo(404);

    Map<String, Object> body = Map.of("caseType", "general-enquiry", "title", "Ward question",
        "intake", Map.of("category", "medical"));
    ApiClient.Response missingWard = agent.post("/api/v1/cases", body);
    assertThat(missingWard.status()).isEqualTo(400);
    assertThat(missingWard.json().path("errors").get(0).path("field").asText()).isEqualTo("customFields.ward");

    ApiClient.Response created = agent.post("/api/v1/cases", Map.of("caseType", "general-enquiry",
        "title", "Ward question", "intake", Map.of("category", "medical"), "customFields", Map.of("ward", "B4")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("sector").asText()).isEqualTo("healthcare");
    assertThat(created.json().path("team").asText()).isEqualTo("clinical-team");
  }
}
