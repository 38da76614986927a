package org.switchboard.caseapi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.cases.CaseTestSupport.candidateGroups;
import static org.switchboard.caseapi.cases.CaseTestSupport.changeTypes;
import static org.switchboard.caseapi.cases.CaseTestSupport.create;
import static org.switchboard.caseapi.cases.CaseTestSupport.createTriaged;
import static org.switchboard.caseapi.cases.CaseTestSupport.eventTypes;
import static org.switchboard.caseapi.cases.CaseTestSupport.fieldsAtFault;
import static org.switchboard.caseapi.cases.CaseTestSupport.intake;
import static org.switchboard.caseapi.cases.CaseTestSupport.newCase;
import static org.switchboard.caseapi.cases.CaseTestSupport.openTask;
import static org.switchboard.caseapi.cases.CaseTestSupport.openTasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.cases.CaseChangeLog.Entry;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.caselifecycle.CaseLifecycle.Elements;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

@SwitchboardTest
class CaseLifecycleApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ManagementService managementService;
  @Autowired
  CaseProcess caseProcess;
  @Autowired
  CaseRepository caseRepository;
  @Autowired
  CaseChangeLog changeLog;

  @Test
  void aCaseWaitingForIntakeCanBeClosedAsDuplicate() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode c = create(agent, newCase("general-enquiry", "Called twice", null));
    assertThat(openTasks(taskService, c)).extracting(Task::getTaskDefinitionKey)
        .containsExactly(Elements.TASK_COMPLETE_INTAKE);

    ApiClient.Response closed = agent.post("/api/v1/cases/" + c.path("id").asText() + "/close",
        Map.of("reason", "DUPLICATE"));

    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.json().path("closureReason").asText()).isEqualTo("DUPLICATE");
    assertThat(openTasks(taskService, c)).isEmpty();
  }

  @Test
  void aCaseClosesReopensWithFreshTriageAndClosesAgain() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode c = createTriaged(agent, "Close and reopen");
    String path = "/api/v1/cases/" + c.path("id").asText();

    ApiClient.Response closed = agent.post(path + "/close", Map.of("reason", "CLOSED_BY_AGENT", "outcome", "REFERRED"));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.json().path("closureReason").asText()).isEqualTo("CLOSED_BY_AGENT");
    assertThat(closed.json().path("outcome").asText()).isEqualTo("REFERRED");
    assertThat(closed.json().has("closedAt")).isTrue();
    assertThat(closed.header("ETag")).isEqualTo("\"" + closed.json().path("version").asLong() + "\"");
    assertThat(openTasks(taskService, c)).isEmpty();

    assertThat(agent.post(path + "/close", Map.of("reason", "RESOLVED")).status()).isEqualTo(409);
    assertThat(fieldsAtFault(agent.post(path + "/close", Map.of("reason", "BORED")))).containsExactly("reason");
    assertThat(fieldsAtFault(agent.post(path + "/close", Map.of()))).containsExactly("reason");

    ApiClient.Response reopened = agent.post(path + "/reopen", Map.of());
    assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
    assertThat(reopened.json().path("status").asText()).isEqualTo("OPEN");
    assertThat(reopened.json().has("closedAt")).isFalse();
    assertThat(reopened.json().has("closureReason")).isFalse();
    assertThat(reopened.json().path("team").asText()).isEqualTo("general-team");
    assertThat(openTask(taskService, c, Elements.TASK_ASSESS_CASE)).isNotNull();
    assertThat(agent.post(path + "/reopen", Map.of()).status()).isEqualTo(409);

    ApiClient.Response closedAgain = agent.post(path + "/close", Map.of("reason", "DUPLICATE"));
    assertThat(closedAgain.status()).as(closedAgain.toString()).isEqualTo(200);
    assertThat(closedAgain.json().path("closureReason").asText()).isEqualTo("DUPLICATE");
    assertThat(closedAgain.json().has("outcome")).as("outcome of the first closure must not carry over").isFalse();

    assertThat(changeTypes(jdbc, c.path("id").asText()))
        .containsExactly("CREATED", "TRIAGED", "CLOSED", "REOPENED", "TRIAGED", "CLOSED");
    assertThat(eventTypes(jdbc, c.path("id").asText())).filteredOn(t -> t.startsWith("CaseClosed")).hasSize(2);
    assertThat(eventTypes(jdbc, c.path("id").asText())).contains("CaseReopened");
  }

  @Test
  void escalationCreatesASupervisorReview() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode c = createTriaged(agent, "Escalate me");
    String path = "/api/v1/cases/" + c.path("id").asText();

    assertThat(fieldsAtFault(agent.post(path + "/escalate", Map.of("reasonCode", "the caller was rude"))))
        .containsExactly("reasonCode");
    ApiClient.Response escalated = agent.post(path + "/escalate", Map.of("reasonCode", "SAFEGUARDING"));

    assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
    assertThat(escalated.json().path("escalated").asBoolean()).isTrue();
    Task review = openTask(taskService, c, Elements.TASK_REVIEW_ESCALATION);
    assertThat(review).isNotNull();
    assertThat(candidateGroups(taskService, review)).containsExactly("supervisors");
    Entry last = lastChange(c);
    assertThat(last.changeType()).isEqualTo("ESCALATED");
    assertThat(last.detail()).isEqualTo("SAFEGUARDING");
    assertThat(eventTypes(jdbc, c.path("id").asText())).contains("CaseEscalated");

    ApiClient.Response withoutReason = agent.send(agent.request(path + "/escalate")
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(withoutReason.status()).as(withoutReason.toString()).isEqualTo(200);
    assertThat(lastChange(c).detail()).as("the first escalation's reason must not carry over").isNull();
  }

  @Test
  void reassignmentMovesTheCaseAndItsOpenTasksButNotSupervisorReviews() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    String colleague = fixtures.agent(tenant);
    String outsider = fixtures.agent(fixtures.tenant("generic"));
    JsonNode c = create(agent, newCase("general-enquiry", "Needs a clinician", intake("general", true)));
    String path = "/api/v1/cases/" + c.path("id").asText();
    assertThat(agent.post(path + "/escalate", Map.of()).status()).isEqualTo(200);
    assertThat(agent.post(path + "/reassign", Map.of("team", "clinical-team")).status())
        .as("reassigning is a supervisor's decision (security/permissions.yaml)").isEqualTo(403);
    // Supervisors reassign; this one belongs to every default team so the case stays visible to them.
    ApiClient supervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS, "general-team", "crisis-team",
        "clinical-team", "customer-care-team", "survivor-support-team"));

    assertThat(fieldsAtFault(supervisor.post(path + "/reassign", Map.of()))).containsExactly("team");
    assertThat(fieldsAtFault(supervisor.post(path + "/reassign", Map.of("team", "agents")))).containsExactly("team");
    assertThat(fieldsAtFault(supervisor.post(path + "/reassign", Map.of("team", "no-such-team")))).containsExactly("team");
    assertThat(fieldsAtFault(supervisor.post(path + "/reassign", Map.of("assignee", outsider))))
        .containsExactly("assignee");

    ApiClient.Response toTeam = supervisor.post(path + "/reassign", Map.of("team", "clinical-team"));
    assertThat(toTeam.status()).as(toTeam.toString()).isEqualTo(200);
    assertThat(toTeam.json().path("team").asText()).isEqualTo("clinical-team");
    Task assess = openTask(taskService, c, Elements.TASK_ASSESS_CASE);
    assertThat(candidateGroups(taskService, assess)).containsExactly("clinical-team");
    assertThat(candidateGroups(taskService, openTask(taskService, c, Elements.TASK_REVIEW_ESCALATION)))
        .containsExactly("supervisors");
    assertThat(runtimeService.getVariable(assess.getProcessInstanceId(), Variables.TEAM)).isEqualTo("clinical-team");

    ApiClient.Response toPerson = supervisor.post(path + "/reassign", Map.of("assignee", colleague));
    assertThat(toPerson.status()).as(toPerson.toString()).isEqualTo(200);
    assertThat(toPerson.json().path("assignee").asText()).isEqualTo(colleague);
    assertThat(toPerson.json().path("team").asText()).as("a person-only reassignment keeps the team")
        .isEqualTo("clinical-team");
    assertThat(openTask(taskService, c, Elements.TASK_ASSESS_CASE).getAssignee()).isEqualTo(colleague);
    assertThat(openTask(taskService, c, Elements.TASK_REVIEW_ESCALATION).getAssignee()).isNull();
    // The person-only reassignment also assigns the open task to them, which the task mirror records.
    assertThat(changeTypes(jdbc, c.path("id").asText())).endsWith("ASSIGNED", "ASSIGNED", "TASK_ASSIGNED");
    assertThat(eventTypes(jdbc, c.path("id").asText())).filteredOn("CaseAssigned"::equals).hasSize(3);
  }

  @Test
  void feedbackAfterClosureEndsTheProcess() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode c = createTriaged(agent, "Feedback please");
    String path = "/api/v1/cases/" + c.path("id").asText();
    String instance = c.path("processInstanceId").asText();

    assertThat(agent.post(path + "/feedback", Map.of("score", 4)).status()).isEqualTo(409);
    assertThat(agent.post(path + "/close", Map.of("reason", "RESOLVED", "outcome", "RESOLVED")).status())
        .isEqualTo(200);
    assertThat(fieldsAtFault(agent.post(path + "/feedback", Map.of("score", 6)))).containsExactly("score");
    assertThat(fieldsAtFault(agent.post(path + "/feedback", Map.of()))).containsExactly("score");

    ApiClient.Response feedback = agent.post(path + "/feedback", Map.of("score", 4));

    assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
    assertThat(feedback.json().path("feedbackScore").asInt()).isEqualTo(4);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(instance).singleResult();
    assertThat(ended.getEndActivityId()).isEqualTo(Elements.END_EVENT_CASE_CLOSED);
    assertThat(agent.post(path + "/reopen", Map.of()).status()).isEqualTo(409);
    assertThat(agent.post(path + "/feedback", Map.of("score", 5)).status()).isEqualTo(409);
    assertThat(eventTypes(jdbc, c.path("id").asText())).contains("FeedbackReceived");
  }

  @Test
  void supervisorsDeleteSoftlyAndAgentsMayNot() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    String supervisorId = fixtures.supervisor(tenant);
    ApiClient supervisor = fixtures.as(supervisorId);
    JsonNode c = createTriaged(agent, "Delete me " + UUID.randomUUID());
    String id = c.path("id").asText();

    ApiClient.Response refused = agent.delete("/api/v1/cases/" + id);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(agent.get("/api/v1/cases/" + id).status()).isEqualTo(200);

    assertThat(supervisor.delete("/api/v1/cases/" + id).status()).isEqualTo(204);

    assertThat(agent.get("/api/v1/cases/" + id).status()).isEqualTo(404);
    assertThat(supervisor.get("/api/v1/cases/" + id).status()).isEqualTo(404);
    assertThat(supervisor.delete("/api/v1/cases/" + id).status()).isEqualTo(404);
    assertThat(agent.get("/api/v1/cases?q=" + c.path("title").asText().substring(10)).json().path("total").asLong())
        .isZero();
    String instance = c.path("processInstanceId").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getDeleteReason()).isEqualTo("CASE_DELETED");
    CaseRecord stored = caseRepository.findById(id).orElseThrow();
    assertThat(stored.deletedAt()).isNotNull();
    assertThat(stored.deletedBy()).isEqualTo(supervisorId);
    Entry last = lastChange(c);
    assertThat(last.changeType()).isEqualTo("DELETED");
    assertThat(last.user()).isEqualTo(supervisorId);
    assertThat(eventTypes(jdbc, id)).contains("CaseDeleted");
  }

  @Test
  void aBatchIsValidatedAsAWholeThenAppliedCaseByCase() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    JsonNode open = createTriaged(agent, "Batch open");
    JsonNode alsoOpen = createTriaged(agent, "Batch also open");
    JsonNode closed = createTriaged(agent, "Batch closed");
    agent.post("/api/v1/cases/" + closed.path("id").asText() + "/close", Map.of("reason", "RESOLVED"));
    ApiClient stranger = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode foreign = createTriaged(stranger, "Batch foreign");
    String unknown = UUID.randomUUID().toString();
    // Batches are a supervisor's tool (security/permissions.yaml).
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));

    assertThat(fieldsAtFault(supervisor.post("/api/v1/cases/batch", Map.of("action", "CLOSE",
        "caseIds", List.of(id(open)))))).containsExactly("reason");
    assertThat(fieldsAtFault(supervisor.post("/api/v1/cases/batch", Map.of("action", "CLOSE", "reason", "RESOLVED",
        "caseIds", List.of())))).containsExactly("caseIds");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    assertThat(fieldsAtFault(supervisor.post("/api/v1/cases/batch", Map.of("action", "CLOSE", "reason", "RESOLVED",
        "caseIds", tooMany)))).containsExactly("caseIds");
    assertThat(fieldsAtFault(supervisor.post("/api/v1/cases/batch", Map.of("action", "ASSIGN", "team", "agents",
        "priority", "HIGH", "caseIds", List.of(id(open)))))).containsExactlyInAnyOrder("team", "priority");
    assertThat(fieldsAtFault(supervisor.post("/api/v1/cases/batch", Map.of("action", "ARCHIVE",
        "caseIds", List.of(id(open)))))).containsExactly("action");
    assertThat(agent.get("/api/v1/cases/" + id(open)).json().path("status").asText()).isEqualTo("OPEN");

    ApiClient.Response assign = supervisor.post("/api/v1/cases/batch", Map.of("action", "ASSIGN",
        "team", "clinical-team", "caseIds", List.of(id(open), id(closed), id(foreign))));
    assertThat(assign.status()).as(assign.toString()).isEqualTo(200);
    assertThat(statuses(assign)).containsExactly(200, 409, 404);
    assertThat(agent.get("/api/v1/cases/" + id(open)).json().path("team").asText()).isEqualTo("clinical-team");

    ApiClient.Response priority = supervisor.post("/api/v1/cases/batch", Map.of("action", "CHANGE_PRIORITY",
        "priority", "URGENT", "caseIds", List.of(id(alsoOpen), unknown)));
    assertThat(statuses(priority)).containsExactly(200, 404);
    assertThat(agent.get("/api/v1/cases/" + id(alsoOpen)).json().path("priority").asText()).isEqualTo("URGENT");

    ApiClient.Response close = supervisor.post("/api/v1/cases/batch", Map.of("action", "CLOSE", "reason", "DUPLICATE",
        "caseIds", List.of(id(open), id(closed), id(foreign), unknown, id(alsoOpen))));
    assertThat(statuses(close)).containsExactly(200, 409, 404, 404, 200);
    JsonNode results = close.json().path("results");
    assertThat(results.get(1).path("caseId").asText()).isEqualTo(id(closed));
    assertThat(results.get(1).path("detail").asText()).isNotBlank();
    assertThat(results.get(2).path("detail").asText().replace(id(foreign), "ID"))
        .isEqualTo(results.get(3).path("detail").asText().replace(unknown, "ID"));
    assertThat(agent.get("/api/v1/cases/" + id(alsoOpen)).json().path("closureReason").asText())
        .isEqualTo("DUPLICATE");
    assertThat(stranger.get("/api/v1/cases/" + id(foreign)).json().path("status").asText()).isEqualTo("OPEN");
  }

  @Test
  void aBreachedFirstResponseTargetEscalatesAndRaisesThePriority() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("customer-service")));
    JsonNode c = create(agent, newCase("customer-service-request", "Slow billing", intake("billing", false)));
    assertThat(c.path("priority").asText()).isEqualTo("LOW");
    String instance = c.path("processInstanceId").asText();

    Job timer = managementService.createJobQuery().processInstanceId(instance)
        .activityId(Elements.BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED).singleResult();
    managementService.executeJob(timer.getId());

    JsonNode breached = agent.get("/api/v1/cases/" + c.path("id").asText()).json();
    assertThat(breached.path("slaBreached").asBoolean()).isTrue();
    assertThat(breached.path("escalated").asBoolean()).isTrue();
    assertThat(breached.path("priority").asText()).isEqualTo("NORMAL");
    assertThat(runtimeService.getVariable(instance, Variables.PRIORITY)).isEqualTo("NORMAL");
    Task review = openTask(taskService, c, Elements.TASK_REVIEW_FIRST_RESPONSE_BREACH);
    assertThat(candidateGroups(taskService, review)).containsExactly("supervisors");
    Entry last = lastChange(c);
    assertThat(last.changeType()).isEqualTo("SLA_BREACHED");
    assertThat(last.detail()).isEqualTo("FIRST_RESPONSE");
    assertThat(last.user()).isEqualTo("system");
    assertThat(eventTypes(jdbc, c.path("id").asText())).contains("SlaBreached", "CaseEscalated");
  }

  @Test
  void anInteractionTouchesTheCaseAndIsRecorded() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode c = createTriaged(agent, "Message arrives");
    CaseRecord before = caseRepository.findById(c.path("id").asText()).orElseThrow();
    String interactionId = UUID.randomUUID().toString();

    assertThat(caseProcess.signal(before, CaseProcess.CaseEvent.INTERACTION_RECEIVED,
        Map.of(Variables.INTERACTION_ID, interactionId))).isTrue();

    CaseRecord after = caseRepository.findById(before.id()).orElseThrow();
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.updatedAt()).isAfterOrEqualTo(before.updatedAt());
    Entry last = lastChange(c);
    assertThat(last.changeType()).isEqualTo("INTERACTION_RECORDED");
    assertThat(last.detail()).isEqualTo(interactionId);
    assertThat(eventTypes(jdbc, before.id())).contains("InteractionRecorded");
  }

  private Entry lastChange(JsonNode c) {
    List<Entry> entries = changeLog.list(c.path("id").asText());
    return entries.get(entries.size() - 1);
  }

  private static List<Integer> statuses(ApiClient.Response batch) {
    List<Integer> statuses = new ArrayList<>();
    batch.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
    return statuses;
  }

  private static String id(JsonNode c) {
    return c.path("id").asText();
  }
}
