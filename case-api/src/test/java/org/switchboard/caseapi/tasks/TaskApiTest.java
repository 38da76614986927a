package org.switchboard.caseapi.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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

@SwitchboardTest
class TaskApiTest {

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

  TaskTestCases cases;
  String tenant;
  String team;
  String agent;

  @BeforeEach
  void setUp() {
    TaskTestCases.deployTestProcess(repositoryService);
    cases = new TaskTestCases(caseRepository, caseProcess, transactions, clock);
    tenant = fixtures.tenant("generic");
    team = TaskTestCases.team(identityService);
    agent = fixtures.user(tenant, Roles.AGENTS, team);
  }

  @Test
  void listsTheCaseTasksAndTheCallersWorkList() {
    CaseRecord c = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);

    Response caseTasks = fixtures.as(agent).get("/api/v1/cases/" + c.id() + "/tasks");
    assertThat(caseTasks.status()).isEqualTo(200);
    assertThat(caseTasks.json()).hasSize(1);
    JsonNode review = caseTasks.json().get(0);
    assertThat(review.path("taskDefinitionKey").asText()).isEqualTo(TaskTestCases.REVIEW_TASK);
    assertThat(review.path("name").asText()).isEqualTo("Review request");
    assertThat(review.path("caseId").asText()).isEqualTo(c.id());
    assertThat(review.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(review.path("state").asText()).isEqualTo("OPEN");
    assertThat(review.path("candidateGroups")).extracting(JsonNode::asText).containsExactly(team);
    assertThat(review.path("formRef").path("key").asText()).isEqualTo("TaskTestReview");
    assertThat(review.path("formRef").path("binding").asText()).isEqualTo("deployment");
    assertThat(review.hasNonNull("created")).isTrue();
    String taskId = review.path("id").asText();

    assertThat(ids(fixtures.as(agent).get("/api/v1/tasks?candidate=me"))).containsExactly(taskId);
    assertThat(ids(fixtures.as(agent).get("/api/v1/tasks?assignee=me"))).isEmpty();
    assertThat(ids(fixtures.as(agent).get("/api/v1/tasks"))).containsExactly(taskId);

    Response claimed = fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/claim", "");
    assertThat(claimed.status()).isEqualTo(200);
    assertThat(claimed.json().path("assignee").asText()).isEqualTo(agent);
    assertThat(claimed.json().path("caseId").asText()).isEqualTo(c.id());

    Response mine = fixtures.as(agent).get("/api/v1/tasks?assignee=me");
    assertThat(ids(mine)).containsExactly(taskId);
    assertThat(mine.json().path("total").asLong()).isEqualTo(1);
    assertThat(mine.json().path("items").get(0).path("caseId").asText()).isEqualTo(c.id());
    assertThat(ids(fixtures.as(agent).get("/api/v1/tasks?candidate=me"))).isEmpty();
    assertThat(ids(fixtures.as(agent).get("/api/v1/tasks"))).containsExactly(taskId);
    assertThat(link(taskId).get("assignee")).isEqualTo(agent);
  }

  @Test
  void workListPagesAndStaysInTheCallersTenants() {
    String otherTenant = fixtures.tenant("generic");
    CaseRecord first = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    CaseRecord second = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    cases.start(otherTenant, TaskTestCases.PROCESS_KEY, team);

    Response page0 = fixtures.as(agent).get("/api/v1/tasks?candidate=me&size=1&page=0");
    Response page1 = fixtures.as(agent).get("/api/v1/tasks?candidate=me&size=1&page=1");

    assertThat(page0.json().path("total").asLong()).isEqualTo(2);
    List<String> caseIds = List.of(page0.json().path("items").get(0).path("caseId").asText(),
        page1.json().path("items").get(0).path("caseId").asText());
    assertThat(caseIds).containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(fixtures.as(agent).get("/api/v1/tasks?assignee=someone").status()).isEqualTo(400);
    assertThat(fixtures.as(agent).get("/api/v1/tasks?size=1000").json().path("errors").get(0).path("field").asText())
        .isEqualTo("size");
  }

  @Test
  void completesWithValidFormDataAndMirrorsTheTaskLifecycle() {
    CaseRecord c = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    String taskId = openTask(c, TaskTestCases.REVIEW_TASK).getId();
    ApiClient client = fixtures.as(agent);

    Response form = client.get("/api/v1/tasks/" + taskId + "/form");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.json().path("schema").path("id").asText()).isEqualTo("TaskTestReview");
    assertThat(form.json().path("schema").path("components")).hasSize(4);
    assertThat(form.json().path("values").size()).isZero();

    assertThat(client.post("/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);
    Response completed = client.post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("decision", "approve", "score", 4, "urgent", true)));

    assertThat(completed.status()).as(completed.text()).isEqualTo(204);
    assertThat(runtimeService.getVariables(c.processInstanceId()))
        .containsEntry("decision", "approve").containsEntry("score", 4).containsEntry("urgent", true);
    Task confirm = openTask(c, TaskTestCases.CONFIRM_TASK);

    JsonNode tasks = client.get("/api/v1/cases/" + c.id() + "/tasks").json();
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).path("id").asText()).isEqualTo(taskId);
    assertThat(tasks.get(0).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(tasks.get(0).path("assignee").asText()).isEqualTo(agent);
    assertThat(tasks.get(0).path("endedBy").asText()).isEqualTo(agent);
    assertThat(tasks.get(1).path("id").asText()).isEqualTo(confirm.getId());
    assertThat(tasks.get(1).path("state").asText()).isEqualTo("OPEN");

    Map<String, Object> row = link(taskId);
    assertThat(row.get("end_state")).isEqualTo("COMPLETED");
    assertThat(row.get("ended_at")).isNotNull();
    assertThat(row.get("case_id")).isEqualTo(c.id());
    assertThat(row.get("tenant_id")).isEqualTo(tenant);
    assertThat(link(confirm.getId()).get("ended_at")).isNull();
    assertThat(changeTypes(c.id())).containsExactly(TaskLinkRecorder.TASK_ASSIGNED, TaskLinkRecorder.TASK_COMPLETED);
    assertThat(eventTypes(c.id()))
        .containsExactlyInAnyOrder("TaskCreated", "TaskAssigned", "TaskCompleted", "TaskCreated");

    // A candidate may complete an unassigned task directly: it is claimed for them on the way.
    assertThat(client.post("/api/v1/tasks/" + confirm.getId() + "/complete", Map.of()).status()).isEqualTo(204);
    assertThat(link(confirm.getId()).get("end_state")).isEqualTo("COMPLETED");
    assertThat(link(confirm.getId()).get("assignee")).isEqualTo(agent);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count()).isZero();
  }

  @Test
  void invalidFormDataIsRefusedNamingEachFieldAndTheTaskStaysOpen() {
    CaseRecord c = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    String taskId = openTask(c, TaskTestCases.REVIEW_TASK).getId();

    Response response = fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("decision", "maybe", "score", "high", "comment", "free text")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(response)).containsExactlyInAnyOrder("variables.decision", "variables.score", "variables.comment");

    Response missing = fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("score", 9)));
    assertThat(fields(missing)).containsExactlyInAnyOrder("variables.decision", "variables.score");

    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    assertThat(task).isNotNull();
    assertThat(task.getAssignee()).isNull();
    assertThat(runtimeService.getVariables(c.processInstanceId())).doesNotContainKeys("decision", "score", "comment");
    assertThat(link(taskId).get("ended_at")).isNull();

    // Fields left out take the form's default, as from Tasklist.
    assertThat(fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("decision", "reject"))).status()).isEqualTo(204);
    assertThat(runtimeService.getVariables(c.processInstanceId()))
        .containsEntry("decision", "reject").containsEntry("urgent", false).doesNotContainKey("score");

    // A task without a Camunda Form takes no values at all.
    String confirmId = openTask(c, TaskTestCases.CONFIRM_TASK).getId();
    Response noForm = fixtures.as(agent).post("/api/v1/tasks/" + confirmId + "/complete",
        Map.of("variables", Map.of("decision", "approve")));
    assertThat(fields(noForm)).containsExactly("variables.decision");
    assertThat(fixtures.as(agent).get("/api/v1/tasks/" + confirmId + "/form").status()).isEqualTo(404);
  }

  @Test
  void someoneElsesClaimedTaskIsAConflictAndReleasingItTakesTheAssigneeOrASupervisor() {
    CaseRecord c = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    String taskId = openTask(c, TaskTestCases.REVIEW_TASK).getId();
    String colleague = fixtures.user(tenant, Roles.AGENTS, team);
    String supervisor = fixtures.user(tenant, Roles.SUPERVISORS, team);
    assertThat(fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);

    Response complete = fixtures.as(colleague).post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("decision", "approve")));
    assertThat(complete.status()).isEqualTo(409);
    assertThat(fixtures.as(colleague).post("/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(409);
    assertThat(fixtures.as(colleague).post("/api/v1/tasks/" + taskId + "/unclaim", "").status()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(agent);

    Response released = fixtures.as(supervisor).post("/api/v1/tasks/" + taskId + "/unclaim", "");
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().has("assignee")).isFalse();
    assertThat(link(taskId).get("assignee")).isNull();

    assertThat(fixtures.as(colleague).post("/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);
    assertThat(fixtures.as(colleague).post("/api/v1/tasks/" + taskId + "/unclaim", "").status()).isEqualTo(200);
  }

  @Test
  void foreignTenantTasksAreNotFoundAndOtherTeamsTasksForbidden() {
    String otherTenant = fixtures.tenant("generic");
    CaseRecord foreign = cases.start(otherTenant, TaskTestCases.PROCESS_KEY, team);
    String foreignTask = openTask(foreign, TaskTestCases.REVIEW_TASK).getId();
    CaseRecord own = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    String ownTask = openTask(own, TaskTestCases.REVIEW_TASK).getId();
    String otherTeamAgent = fixtures.user(tenant, Roles.AGENTS, TaskTestCases.team(identityService));

    for (String action : List.of("claim", "unclaim", "complete")) {
      Response response = fixtures.as(agent).post("/api/v1/tasks/" + foreignTask + "/" + action, Map.of());
      assertThat(response.status()).as(action).isEqualTo(404);
      // The other team's case is invisible to them, so its tasks are as missing as a foreign tenant's.
      assertThat(fixtures.as(otherTeamAgent).post("/api/v1/tasks/" + ownTask + "/" + action, Map.of()).status())
          .as(action).isEqualTo(404);
    }
    assertThat(fixtures.as(agent).get("/api/v1/tasks/" + foreignTask + "/form").status()).isEqualTo(404);
    assertThat(fixtures.as(agent).get("/api/v1/tasks/no-such-task/form").status()).isEqualTo(404);
    assertThat(fixtures.as(agent).get("/api/v1/cases/" + foreign.id() + "/tasks").status()).isEqualTo(404);
    assertThat(taskService.createTaskQuery().taskId(foreignTask).singleResult().getAssignee()).isNull();

    String admin = fixtures.admin();
    assertThat(fixtures.as(admin).get("/api/v1/tasks/" + foreignTask + "/form").status()).isEqualTo(200);
  }

  @Test
  void tasksOfASuspendedCaseProcessAreAConflict() {
    CaseRecord c = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    String taskId = openTask(c, TaskTestCases.REVIEW_TASK).getId();
    runtimeService.suspendProcessInstanceById(c.processInstanceId());

    assertThat(fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(409);
    assertThat(fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("decision", "approve"))).status()).isEqualTo(409);

    runtimeService.activateProcessInstanceById(c.processInstanceId());
    assertThat(fixtures.as(agent).post("/api/v1/tasks/" + taskId + "/complete",
        Map.of("variables", Map.of("decision", "approve"))).status()).isEqualTo(204);
  }

  @Test
  void cancelledTasksEndAsCancelledEvenWhenCustomListenersAreSkipped() {
    CaseRecord c = cases.start(tenant, TaskTestCases.PROCESS_KEY, team);
    String taskId = openTask(c, TaskTestCases.REVIEW_TASK).getId();

    runtimeService.deleteProcessInstance(c.processInstanceId(), "cancelled by operator", true);

    assertThat(link(taskId).get("end_state")).isEqualTo("CANCELLED");
    assertThat(link(taskId).get("ended_at")).isNotNull();
    JsonNode tasks = fixtures.as(agent).get("/api/v1/cases/" + c.id() + "/tasks").json();
    assertThat(tasks.get(0).path("state").asText()).isEqualTo("CANCELLED");
    assertThat(eventTypes(c.id())).contains("TaskCancelled");
  }

  @Test
  void tasksOfInstancesThatAreNoCaseAreNotMirrored() {
    String instanceId = runtimeService.createProcessInstanceByKey(TaskTestCases.PROCESS_KEY)
        .processDefinitionWithoutTenantId().businessKey("not-a-case").setVariable("team", team).execute().getId();
    Task task = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();

    assertThat(jdbc.sql("SELECT COUNT(*) FROM task_link WHERE task_id = :id").param("id", task.getId())
        .query(Long.class).single()).isZero();
    taskService.complete(task.getId(), Map.of("decision", "approve"));
    runtimeService.deleteProcessInstance(instanceId, "test");
  }

  private Task openTask(CaseRecord c, String key) {
    return taskService.createTaskQuery().processInstanceId(c.processInstanceId()).taskDefinitionKey(key)
        .singleResult();
  }

  private Map<String, Object> link(String taskId) {
    return jdbc.sql("SELECT * FROM task_link WHERE task_id = :id").param("id", taskId).query().singleRow();
  }

  private List<String> changeTypes(String caseId) {
    return jdbc.sql("SELECT change_type FROM case_change WHERE case_id = :id ORDER BY changed_at, id")
        .param("id", caseId).query(String.class).list();
  }

  private List<String> eventTypes(String caseId) {
    return jdbc.sql("SELECT event_type FROM outbox_event WHERE aggregate_id = :id ORDER BY occurred_at")
        .param("id", caseId).query(String.class).list();
  }

  private static List<String> ids(Response page) {
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    page.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static List<String> fields(Response problem) {
    assertThat(problem.status()).as(problem.text()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    problem.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
