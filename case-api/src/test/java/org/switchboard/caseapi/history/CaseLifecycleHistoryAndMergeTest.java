package org.switchboard.caseapi.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.caselifecycle.CaseLifecycle;
import org.switchboard.process.caselifecycle.CaseLifecycle.Decisions;
import org.switchboard.process.caselifecycle.CaseLifecycle.Elements;

/**
 * History and merge on the real case lifecycle (platform BPMN, DMN tables and the case delegates).
 */
@SwitchboardTest
class CaseLifecycleHistoryAndMergeTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  CaseRepository cases;
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
  void historyShowsTheTriageDecisionsAndTheFirstUserTaskAfterTheCaseWasCreated() {
    CaseRecord c = seeder.withProcess(tenant, agent, CaseLifecycle.PROCESS_KEY);

    JsonNode items = api.get("/api/v1/cases/" + c.id() + "/history").json().path("items");

    List<String> lines = new ArrayList<>();
    items.forEach(i -> lines.add(i.path("source").asText() + " " + i.path("type").asText()
        + (i.has("activityId") ? " " + i.path("activityId").asText() : "")));
    assertThat(lines.get(0)).isEqualTo("CASE CREATED");
    assertThat(lines).containsSubsequence("PROCESS PROCESS_STARTED", "PROCESS USER_TASK_STARTED "
        + Elements.TASK_ASSESS_CASE);

    List<String> decisions = new ArrayList<>();
    JsonNode risk = null;
    for (JsonNode item : items) {
      if ("DECISION_EVALUATED".equals(item.path("type").asText())) {
        String key = item.path("details").path("decisionKey").asText();
        decisions.add(key);
        if (Decisions.RISK_ASSESSMENT.equals(key)) {
          risk = item;
        }
      }
    }
    assertThat(decisions).containsExactly(Decisions.RISK_ASSESSMENT, Decisions.ROUTING, Decisions.SLA_TARGETS);
    assertThat(risk.path("details").path("outputs").get(0).path("riskLevel").asText())
        .isIn("LOW", "MEDIUM", "HIGH", "CRITICAL");
  }

  @Test
  void mergeClosesTheDuplicatesLifecycleThroughItsCloseEvent() {
    CaseRecord survivor = seeder.withProcess(tenant, agent, CaseLifecycle.PROCESS_KEY);
    CaseRecord duplicate = seeder.withProcess(tenant, agent, CaseLifecycle.PROCESS_KEY);
    assertThat(taskService.createTaskQuery().processInstanceId(duplicate.processInstanceId()).count()).isPositive();

    ApiClient.Response merged = api.post("/api/v1/cases/" + survivor.id() + "/merge",
        Map.of("duplicateCaseId", duplicate.id()));

    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    assertThat(merged.json().path("processSignalled").asBoolean()).isTrue();
    assertThat(taskService.createTaskQuery().processInstanceId(duplicate.processInstanceId()).count()).isZero();
    assertThat(runtimeService.getActiveActivityIds(duplicate.processInstanceId()))
        .containsExactly(Elements.EVENT_GATEWAY_AFTER_CLOSURE);
    CaseRecord after = cases.findById(duplicate.id()).orElseThrow();
    assertThat(after.status().name()).isEqualTo("CLOSED");
    assertThat(after.closureReason()).isEqualTo("MERGED");
    assertThat(after.mergedIntoCaseId()).isEqualTo(survivor.id());
    assertThat(taskService.createTaskQuery().processInstanceId(survivor.processInstanceId()).count()).isPositive();

    ApiClient.Response reopen = api.post("/api/v1/cases/" + duplicate.id() + "/reopen", Map.of());
    assertThat(reopen.status()).as("a merged case is reopened through its survivor").isEqualTo(409);
    assertThat(runtimeService.getActiveActivityIds(duplicate.processInstanceId()))
        .containsExactly(Elements.EVENT_GATEWAY_AFTER_CLOSURE);
  }
}
