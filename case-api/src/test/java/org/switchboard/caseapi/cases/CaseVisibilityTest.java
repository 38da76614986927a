package org.switchboard.caseapi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.cases.CaseTestSupport.create;
import static org.switchboard.caseapi.cases.CaseTestSupport.intake;
import static org.switchboard.caseapi.cases.CaseTestSupport.newCase;
import static org.switchboard.caseapi.cases.CaseTestSupport.openTasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** Object-level visibility (docs/security.md): teams, assignment, authorship, rank, restricted cases, grants. */
@SwitchboardTest
class CaseVisibilityTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService taskService;

  @Test
  void agentsAndSupervisorsSeeTheirTeamsCasesAndWhatTheyCreatedOrAreAssigned() {
    String tenant = fixtures.tenant("generic");
    JsonNode general = create(fixtures.as(fixtures.agent(tenant)), newCase("general-enquiry", "Parking permit",
        intake("general", false)));
    assertThat(general.path("team").asText()).isEqualTo("general-team");
    String id = general.path("id").asText();

    ApiClient generalAgent = fixtures.as(fixtures.user(tenant, Roles.AGENTS, "general-team"));
    ApiClient crisisAgentUser = fixtures.as(fixtures.user(tenant, Roles.AGENTS, "crisis-team"));
    ApiClient generalSupervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS, "general-team"));
    ApiClient crisisSupervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS, "crisis-team"));

    assertVisible(generalAgent, id);
    assertVisible(generalSupervisor, id);
    assertHidden(crisisAgentUser, id);
    assertHidden(crisisSupervisor, id);

    // An agent of no team sees what they created.
    String loner = fixtures.user(tenant, Roles.AGENTS);
    JsonNode own = create(fixtures.as(loner), newCase("general-enquiry", "My own", intake("general", false)));
    assertVisible(fixtures.as(loner), own.path("id").asText());
    assertHidden(fixtures.as(loner), id);

    // ... and what is assigned to them.
    ApiClient.Response reassigned = generalSupervisor.post("/api/v1/cases/" + id + "/reassign",
        Map.of("assignee", loner));
    assertThat(reassigned.status()).as(reassigned.text()).isEqualTo(200);
    assertVisible(fixtures.as(loner), id);
  }

  @Test
  void tenantWideRolesSeeEveryUnrestrictedCaseOfTheirTenantsOnly() {
    String tenant = fixtures.tenant("generic");
    String id = create(fixtures.as(fixtures.agent(tenant)), newCase("general-enquiry", "Noise complaint",
        intake("general", false))).path("id").asText();

    assertVisible(fixtures.as(fixtures.user(tenant, Roles.AUDITORS)), id);
    assertVisible(fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS)), id);
    assertVisible(fixtures.as(fixtures.admin()), id);
    assertHidden(fixtures.as(fixtures.user(fixtures.tenant("generic"), Roles.AUDITORS)), id);
  }

  @Test
  void aRestrictedCaseIsSeenByItsTeamAndNamedPeopleOnly() {
    String tenant = fixtures.tenant("survivor-support");
    String creator = fixtures.user(tenant, Roles.AGENTS, "survivor-support-team");
    JsonNode c = create(fixtures.as(creator), survivorCase("Callback requested"));
    assertThat(c.path("team").asText()).isEqualTo("survivor-support-team");
    String id = c.path("id").asText();

    String outsider = fixtures.user(tenant, Roles.AGENTS, "general-team");
    ApiClient other = fixtures.as(outsider);
    ApiClient teamAgent = fixtures.as(fixtures.user(tenant, Roles.AGENTS, "survivor-support-team"));
    ApiClient teamSupervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS, "survivor-support-team"));
    ApiClient otherSupervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS, "general-team"));

    assertVisible(teamAgent, id);
    assertVisible(teamSupervisor, id);
    assertVisible(fixtures.as(creator), id);
    // Restricted means restricted: no rank opens it.
    assertHidden(other, id);
    assertHidden(otherSupervisor, id);
    assertHidden(fixtures.as(fixtures.user(tenant, Roles.AUDITORS)), id);
    assertHidden(fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS)), id);
    assertHidden(fixtures.as(fixtures.admin()), id);
    // ... and admins cannot let themselves in.
    assertThat(fixtures.as(fixtures.admin()).post("/api/v1/cases/" + id + "/access", Map.of("userId", outsider))
        .status()).isEqualTo(404);

    // Someone assigned a task of the case in Tasklist still does not see it in their work list.
    Task task = openTasks(taskService, c).get(0);
    taskService.setAssignee(task.getId(), outsider);
    assertThat(taskIds(other)).doesNotContain(task.getId());
    assertThat(other.get("/api/v1/tasks/" + task.getId() + "/form").status()).isEqualTo(404);
    // Batch results and merges answer as for a missing case.
    JsonNode batch = otherSupervisor.post("/api/v1/cases/batch",
        Map.of("action", "CHANGE_PRIORITY", "caseIds", List.of(id), "priority", "HIGH")).json();
    assertThat(batch.path("results").get(0).path("status").asInt()).isEqualTo(404);
    String ownCase = create(other, newCase("general-enquiry", "Other", intake("general", false))).path("id").asText();
    assertThat(other.post("/api/v1/cases/" + ownCase + "/merge", Map.of("duplicateCaseId", id)).status())
        .isEqualTo(404);

    ApiClient.Response granted = teamSupervisor.post("/api/v1/cases/" + id + "/access", Map.of("userId", outsider));
    assertThat(granted.status()).as(granted.text()).isEqualTo(201);
    assertThat(teamSupervisor.post("/api/v1/cases/" + id + "/access", Map.of("userId", outsider)).status())
        .isEqualTo(200);
    assertThat(teamSupervisor.get("/api/v1/cases/" + id + "/access").json().path("items").get(0).path("userId")
        .asText()).isEqualTo(outsider);
    assertVisible(other, id);
    assertThat(taskIds(other)).contains(task.getId());
    assertThat(auditActions(id)).containsExactly("ACCESS_GRANTED");

    assertThat(teamSupervisor.delete("/api/v1/cases/" + id + "/access/" + outsider).status()).isEqualTo(204);
    assertHidden(other, id);
    assertThat(taskIds(other)).doesNotContain(task.getId());
    assertThat(teamSupervisor.delete("/api/v1/cases/" + id + "/access/" + outsider).status()).isEqualTo(404);
    assertThat(auditActions(id)).containsExactly("ACCESS_GRANTED", "ACCESS_REVOKED");
    assertThat(CaseTestSupport.changeTypes(jdbc, id)).contains("ACCESS_GRANTED", "ACCESS_REVOKED");
  }

  @Test
  void grantsNameUsersOfTheCasesOrganisationOnly() {
    String tenant = fixtures.tenant("survivor-support");
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));
    String id = create(supervisor, survivorCase("Callback")).path("id").asText();
    String stranger = fixtures.user(fixtures.tenant("generic"), Roles.AGENTS);

    ApiClient.Response refused = supervisor.post("/api/v1/cases/" + id + "/access", Map.of("userId", stranger));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("userId");
    assertThat(supervisor.post("/api/v1/cases/" + id + "/access", Map.of()).status()).isEqualTo(400);
    assertThat(fixtures.as(fixtures.agent(tenant)).get("/api/v1/cases/" + id + "/access").status()).isEqualTo(403);
  }

  private static Map<String, Object> survivorCase(String title) {
    Map<String, Object> body = newCase("survivor-support", title, intake("domestic-abuse", false));
    body.put("customFields", Map.of("preferredLanguage", "en", "numberOfPeopleAffected", 1));
    return body;
  }

  private List<String> auditActions(String caseId) {
    // The grant events themselves; reads and changes of the case are audited too.
    return jdbc.sql("SELECT action FROM audit_event WHERE object_type = 'case' AND object_id = :id "
            + "AND action LIKE 'ACCESS\\_%' ORDER BY seq")
        .param("id", caseId).query(String.class).list();
  }

  private static List<String> taskIds(ApiClient api) {
    ApiClient.Response response = api.get("/api/v1/tasks?size=100");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("items").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  private static void assertVisible(ApiClient api, String id) {
    assertThat(api.get("/api/v1/cases/" + id).status()).isEqualTo(200);
    assertThat(listedIds(api)).contains(id);
    assertThat(api.get("/api/v1/cases/" + id + "/history").status()).isIn(200, 403);
  }

  private static void assertHidden(ApiClient api, String id) {
    ApiClient.Response response = api.get("/api/v1/cases/" + id);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).doesNotContain("Callback requested");
    assertThat(listedIds(api)).doesNotContain(id);
    assertThat(api.get("/api/v1/cases/" + id + "/history").status()).isIn(404, 403);
    assertThat(api.get("/api/v1/cases/" + id + "/notes").status()).isIn(404, 403);
  }

  private static List<String> listedIds(ApiClient api) {
    ApiClient.Response response = api.get("/api/v1/cases?size=100");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("items").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }
}
