package org.switchboard.caseapi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.tasks.TaskTestCases;

/**
 * An agent works in Tasklist with Camunda's authorization checks on: sees the candidate tasks of their team in
 * their tenant and nothing else, opens the Camunda Form, claims and submits. Checked through {@code /engine-rest}
 * with basic auth and through the Tasklist webapp's own session login.
 */
@SwitchboardTest
class TasklistAuthorizationTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Autowired TestFixtures fixtures;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired CaseRepository caseRepository;
  @Autowired CaseProcess caseProcess;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;
  @Autowired JdbcClient jdbc;

  String tenant;
  String team;
  String agent;
  String ownTask;
  String otherTenantTask;
  String otherTeamTask;

  @BeforeEach
  void setUp() {
    TaskTestCases.deployTestProcess(repositoryService);
    TaskTestCases cases = new TaskTestCases(caseRepository, caseProcess, transactions, clock);
    tenant = fixtures.tenant("generic");
    String otherTenant = fixtures.tenant("generic");
    team = TaskTestCases.team(identityService);
    agent = fixtures.user(tenant, Roles.AGENTS, team);
    ownTask = reviewTask(cases.start(tenant, TaskTestCases.PROCESS_KEY, team));
    otherTenantTask = reviewTask(cases.start(otherTenant, TaskTestCases.PROCESS_KEY, team));
    otherTeamTask = reviewTask(cases.start(tenant, TaskTestCases.PROCESS_KEY, TaskTestCases.team(identityService)));
  }

  @Test
  void agentSeesClaimsAndSubmitsOnlyTheirTeamsTasksOfTheirTenantThroughEngineRest() {
    ApiClient tasklist = fixtures.as(agent);

    List<String> visible = ids(tasklist.get("/engine-rest/task"));
    assertThat(visible).contains(ownTask).doesNotContain(otherTenantTask, otherTeamTask);
    assertThat(ids(tasklist.get("/engine-rest/task?candidateUser=" + agent))).contains(ownTask)
        .doesNotContain(otherTenantTask, otherTeamTask);
    assertThat(tasklist.get("/engine-rest/task/" + otherTenantTask).status()).isEqualTo(404);

    Response form = tasklist.get("/engine-rest/task/" + ownTask + "/deployed-form");
    assertThat(form.status()).as(form.text()).isEqualTo(200);
    assertThat(form.json().path("id").asText()).isEqualTo("TaskTestReview");
    // Tasklist loads the form's current values and the diagram next to it.
    assertThat(tasklist.get("/engine-rest/task/" + ownTask + "/form-variables").status()).isEqualTo(200);
    String definitionId = taskService.createTaskQuery().taskId(ownTask).singleResult().getProcessDefinitionId();
    assertThat(tasklist.get("/engine-rest/process-definition/" + definitionId + "/xml").status()).isEqualTo(200);
    // The engine refuses commands on another tenant's task; Camunda's REST layer reports that as a 500.
    Response foreignForm = tasklist.get("/engine-rest/task/" + otherTenantTask + "/deployed-form");
    assertThat(foreignForm.status()).isGreaterThanOrEqualTo(400);
    assertThat(foreignForm.text()).contains("belongs to no authenticated tenant").doesNotContain("components");
    Response foreignClaim = tasklist.post("/engine-rest/task/" + otherTenantTask + "/claim", Map.of("userId", agent));
    assertThat(foreignClaim.status()).isGreaterThanOrEqualTo(400);
    assertThat(foreignClaim.text()).contains("belongs to no authenticated tenant");
    assertThat(taskService.createTaskQuery().taskId(otherTenantTask).singleResult().getAssignee()).isNull();
    assertThat(tasklist.post("/engine-rest/task/" + otherTeamTask + "/claim", Map.of("userId", agent)).status())
        .isEqualTo(403);
    Response claim = tasklist.post("/engine-rest/task/" + ownTask + "/claim", Map.of("userId", agent));
    assertThat(claim.status()).as(claim.text()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(ownTask).singleResult().getAssignee()).isEqualTo(agent);

    Response submit = tasklist.post("/engine-rest/task/" + ownTask + "/submit-form",
        Map.of("variables", Map.of("decision", Map.of("value", "approve", "type", "String"))));
    assertThat(submit.status()).as(submit.text()).isIn(200, 204);
    assertThat(taskService.createTaskQuery().taskId(ownTask).count()).isZero();
    Map<String, Object> link = jdbc.sql("SELECT * FROM task_link WHERE task_id = :id").param("id", ownTask)
        .query().singleRow();
    assertThat(link.get("end_state")).isEqualTo("COMPLETED");
    assertThat(link.get("ended_by")).isEqualTo(agent);
  }

  @Test
  void agentLogsInToTasklistLikeTheWebappAndSeesOnlyTheirTasks() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String base = fixtures.baseUrl();

    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow();

    String credentials = "username=" + URLEncoder.encode(agent, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(TestFixtures.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString(credentials)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    JsonNode user = MAPPER.readTree(login.body());
    assertThat(user.path("userId").asText()).isEqualTo(agent);
    List<String> apps = new ArrayList<>();
    user.path("authorizedApps").forEach(app -> apps.add(app.asText()));
    assertThat(apps).contains("tasklist").doesNotContain("cockpit", "admin");

    HttpResponse<String> tasks = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/engine/engine/default/task"))
        .header("Accept", "application/json")
        .header("X-XSRF-TOKEN", xsrf)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    List<String> visible = new ArrayList<>();
    MAPPER.readTree(tasks.body()).forEach(t -> visible.add(t.path("id").asText()));
    assertThat(visible).contains(ownTask).doesNotContain(otherTenantTask, otherTeamTask);
  }

  private String reviewTask(CaseRecord c) {
    return taskService.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult().getId();
  }

  private static List<String> ids(Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().forEach(task -> ids.add(task.path("id").asText()));
    return ids;
  }
}
