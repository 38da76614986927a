package org.switchboard.caseapi.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertSameNotFound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class HistoryApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;

  String tenant;
  String agent;
  ApiClient api;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    api = fixtures.as(agent);
  }

  @Test
  void mergesCaseChangesAndProcessHistoryInTimeOrder() throws InterruptedException {
    CaseRecord c = seeder.withProcess(tenant, agent, CaseSeeder.TEST_PROCESS_KEY);
    Task task = taskService.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult();
    nextMillisecond();
    api.post(notes(c), Map.of("body", "called back, no answer"));
    nextMillisecond();
    Incident incident = runtimeService.createIncident("switchboardTest", task.getExecutionId(), "cfg", "stuck");
    nextMillisecond();
    runtimeService.resolveIncident(incident.getId());
    nextMillisecond();
    taskService.claim(task.getId(), agent);
    taskService.complete(task.getId());
    nextMillisecond();
    api.post(notes(c), Map.of("body", "caller confirmed all is well"));

    ApiClient.Response response = api.get(history(c));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode items = response.json().path("items");
    assertThat(lines(items)).containsExactly(
        "CASE CREATED",
        "PROCESS PROCESS_STARTED",
        "PROCESS EVENT StartEvent_CaseOpened",
        "PROCESS ACTIVITY BusinessRuleTask_AssessRisk",
        "PROCESS DECISION_EVALUATED BusinessRuleTask_AssessRisk",
        "PROCESS USER_TASK_STARTED Task_HandleCase",
        "CASE NOTE_ADDED",
        "PROCESS INCIDENT Task_HandleCase",
        "PROCESS INCIDENT_RESOLVED Task_HandleCase",
        "CASE TASK_ASSIGNED",
        "CASE TASK_COMPLETED",
        "PROCESS USER_TASK_COMPLETED Task_HandleCase",
        "PROCESS EVENT " + CaseSeeder.TEST_END_HANDLED,
        "PROCESS PROCESS_ENDED",
        "CASE NOTE_ADDED");

    Instant previous = Instant.EPOCH;
    for (JsonNode item : items) {
      Instant at = Instant.parse(item.path("at").asText());
      assertThat(at).isAfterOrEqualTo(previous);
      previous = at;
    }

    JsonNode decision = find(items, "DECISION_EVALUATED");
    assertThat(decision.path("details").path("decisionKey").asText()).isEqualTo("CaseRiskAssessment");
    assertThat(decision.path("details").path("outputs").get(0).path("riskLevel").asText())
        .isIn("LOW", "MEDIUM", "HIGH", "CRITICAL");
    assertThat(decision.path("details").path("outputs").get(0).has("riskScore")).isTrue();

    JsonNode started = find(items, "USER_TASK_STARTED");
    assertThat(started.path("name").asText()).isEqualTo("Handle case");
    assertThat(started.path("details").path("taskId").asText()).isEqualTo(task.getId());
    JsonNode completed = find(items, "USER_TASK_COMPLETED");
    assertThat(completed.path("actor").asText()).isEqualTo(agent);
    assertThat(completed.path("details").path("assignee").asText()).isEqualTo(agent);

    JsonNode activity = find(items, "ACTIVITY");
    assertThat(activity.path("name").asText()).isEqualTo("Assess risk");
    assertThat(activity.path("details").path("activityType").asText()).isEqualTo("businessRuleTask");
    assertThat(activity.path("details").path("state").asText()).isEqualTo("COMPLETED");

    JsonNode incidentEntry = find(items, "INCIDENT");
    assertThat(incidentEntry.path("details").path("incidentType").asText()).isEqualTo("switchboardTest");
    assertThat(incidentEntry.path("details").path("state").asText()).isEqualTo("RESOLVED");

    JsonNode note = find(items, "NOTE_ADDED");
    assertThat(note.path("actor").asText()).isEqualTo(agent);
    assertThat(note.toString()).doesNotContain("called back");
    assertThat(find(items, "PROCESS_ENDED").path("details").path("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aCaseWithoutProcessHasItsChangesOnly() {
    CaseRecord c = seeder.withoutProcess(tenant, agent);
    api.post(notes(c), Map.of("body", "first"));

    assertThat(lines(api.get(history(c)).json().path("items"))).containsExactly("CASE CREATED", "CASE NOTE_ADDED");
  }

  @Test
  void unknownAndForeignCasesAnswerTheSame404() {
    CaseRecord foreign = seeder.withProcess(fixtures.tenant("generic"), "someone", CaseSeeder.TEST_PROCESS_KEY);
    String unknown = UUID.randomUUID().toString();

    assertSameNotFound(api.get("/api/v1/cases/" + unknown + "/history"), unknown, api.get(history(foreign)),
        foreign.id());
  }

  private static List<String> lines(JsonNode items) {
    List<String> lines = new ArrayList<>();
    for (JsonNode item : items) {
      String line = item.path("source").asText() + " " + item.path("type").asText();
      lines.add(item.has("activityId") ? line + " " + item.path("activityId").asText() : line);
    }
    return lines;
  }

  private static JsonNode find(JsonNode items, String type) {
    for (JsonNode item : items) {
      if (type.equals(item.path("type").asText())) {
        return item;
      }
    }
    throw new AssertionError("No " + type + " entry in " + items);
  }

  /** Both sources stamp real time; a step into the next millisecond keeps the expected order unambiguous. */
  private static void nextMillisecond() throws InterruptedException {
    Thread.sleep(3);
  }

  private static String notes(CaseRecord c) {
    return "/api/v1/cases/" + c.id() + "/notes";
  }

  private static String history(CaseRecord c) {
    return "/api/v1/cases/" + c.id() + "/history";
  }
}
