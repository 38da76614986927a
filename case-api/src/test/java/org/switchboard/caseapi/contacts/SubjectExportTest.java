package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** reliability.md G-2: the export holds 100% of the subject's records and 0 of anyone else's. */
@SwitchboardTest
class SubjectExportTest {

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired CaseTypeRepository caseTypes;

  String tenant;
  ApiClient agent;
  ApiClient supervisor;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
    supervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS));
    SubjectData.caseType(caseTypes, tenant, "generic");
  }

  @Test
  void exportHoldsEverythingAboutTheContactAndNothingOfAnotherContact() {
    SubjectData first = SubjectData.create(agent, 2);
    SubjectData second = SubjectData.create(agent, 1);

    ApiClient.Response response = supervisor.get("/api/v1/contacts/" + first.contactId + "/export");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode export = response.json();
    String text = response.text();

    assertThat(export.path("format").asText()).isEqualTo("switchboard.subject-export.v1");
    assertThat(export.path("contact").path("displayName").asText()).isEqualTo(first.canary + " Name");
    assertThat(export.path("contact").path("email").asText()).startsWith(first.canary.toLowerCase());

    // Completeness, compared with what the database holds for the contact.
    List<String> dbCases = jdbc.sql("SELECT id FROM case_record WHERE contact_id = :c").param("c", first.contactId)
        .query(String.class).list();
    List<String> exportedCases = new ArrayList<>();
    export.path("cases").forEach(c -> exportedCases.add(c.path("id").asText()));
    assertThat(exportedCases).containsExactlyInAnyOrderElementsOf(dbCases)
        .containsExactlyInAnyOrderElementsOf(first.caseIds);
    List<String> notes = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    int history = 0;
    for (JsonNode c : export.path("cases")) {
      c.path("notes").forEach(n -> notes.add(n.path("id").asText()));
      c.path("documents").forEach(d -> documents.add(d.path("id").asText()));
      history += c.path("history").size();
      assertThat(c.path("description").asText()).startsWith(first.canary + " description");
      assertThat(c.path("customFields").path("secretNote").asText()).startsWith(first.canary + " custom");
      assertThat(c.path("processes").size()).isPositive();
      assertThat(c.path("processes").get(0).path("processInstanceId").asText()).isNotBlank();
      assertThat(c.path("documents").get(0).path("versions").get(0).path("downloadPath").asText())
          .startsWith("/api/v1/cases/" + c.path("id").asText() + "/documents/");
      assertThat(c.path("notes").get(0).path("body").asText()).startsWith(first.canary + " note");
    }
    assertThat(notes).containsExactlyInAnyOrderElementsOf(jdbc.sql("SELECT id FROM case_note WHERE case_id IN (:ids)")
        .param("ids", dbCases).query(String.class).list()).containsExactlyInAnyOrderElementsOf(first.noteIds);
    assertThat(documents).containsExactlyInAnyOrderElementsOf(first.documentIds);
    assertThat((long) history).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM case_change WHERE case_id IN (:ids)")
        .param("ids", dbCases).query(Long.class).single());
    Set<String> auditObjects = new HashSet<>();
    export.path("auditEvents").forEach(e -> auditObjects.add(e.path("objectId").asText()));
    assertThat(auditObjects).containsAll(first.caseIds);

    // Nothing of the other contact.
    List<String> foreign = new ArrayList<>(List.of(second.contactId, second.canary));
    foreign.addAll(second.caseIds);
    foreign.addAll(second.noteIds);
    foreign.addAll(second.documentIds);
    assertThat(foreign).allSatisfy(value -> assertThat(text).doesNotContain(value));

    assertThat(jdbc.sql("SELECT details FROM audit_event WHERE action = 'SUBJECT_EXPORTED' AND object_id = :c")
        .param("c", first.contactId).query(String.class).list())
        .singleElement().satisfies(d -> assertThat(d).contains("\"cases\":2").doesNotContain(first.canary));
  }

  @Test
  void onlySupervisorsAndAdministratorsExportAndOtherTenantsSeeNothing() {
    SubjectData subject = SubjectData.create(agent, 1);
    assertThat(agent.get("/api/v1/contacts/" + subject.contactId + "/export").status()).isEqualTo(403);
    ApiClient foreign = fixtures.as(fixtures.user(fixtures.tenant("generic"), Roles.SUPERVISORS));
    ApiClient.Response response = foreign.get("/api/v1/contacts/" + subject.contactId + "/export");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).doesNotContain(subject.canary);
  }
}
