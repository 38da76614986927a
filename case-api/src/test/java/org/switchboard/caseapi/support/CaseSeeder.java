package org.switchboard.caseapi.support;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.process.caselifecycle.CaseLifecycle;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/**
 * Stores cases directly (repository + change log + process port), the way the create use case does,
 * so tests of what hangs off a case do not depend on the case API itself.
 */
@Component
public class CaseSeeder {

  /**
   * A small stand-in for the case lifecycle: the real risk table, one user task and the modeled close
   * event. Deployed shared (no tenant) under its own key, so it shadows nothing; needs no delegate beans.
   */
  public static final String TEST_PROCESS_KEY = "Test_SeededCase";
  public static final String TEST_TASK = "Task_HandleCase";
  public static final String TEST_END_HANDLED = "EndEvent_Handled";
  public static final String TEST_END_CLOSED = "EndEvent_Closed";

  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final CaseProcess process;
  private final RepositoryService repositoryService;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public CaseSeeder(CaseRepository cases, CaseChangeLog changeLog, CaseProcess process,
      RepositoryService repositoryService, TransactionTemplate transaction, Clock clock) {
    this.cases = cases;
    this.changeLog = changeLog;
    this.process = process;
    this.repositoryService = repositoryService;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** An open case without a process instance. */
  public CaseRecord withoutProcess(String tenantId, String createdBy) {
    return transaction.execute(status -> insert(tenantId, createdBy));
  }

  /** An open case whose process (business key = case id) was started with the lifecycle's intake facts. */
  public CaseRecord withProcess(String tenantId, String createdBy, String processKey) {
    if (TEST_PROCESS_KEY.equals(processKey)) {
      deployTestProcess();
    }
    return transaction.execute(status -> {
      CaseRecord c = insert(tenantId, createdBy);
      String instanceId = process.start(c, processKey, Map.of(
          Variables.CASE_ID, c.id(),
          Variables.SECTOR, "generic",
          Variables.CASE_TYPE, "general-enquiry",
          Variables.CHANNEL, "api",
          Variables.INTAKE_COMPLETE, true,
          Variables.CATEGORY, "general",
          Variables.IMMEDIATE_DANGER, false,
          Variables.SELF_HARM_RISK, false,
          Variables.CHILD_AT_RISK, false));
      // Delegates may have updated the record while the process ran: build on the stored version.
      CaseRecord current = cases.findById(c.id()).orElseThrow();
      return cases.update(current.toBuilder().processInstanceId(instanceId).build(clock.instant(), createdBy))
          .orElseThrow();
    });
  }

  private CaseRecord insert(String tenantId, String createdBy) {
    Instant now = clock.instant();
    CaseRecord c = new CaseRecord(UUID.randomUUID().toString(), tenantId, "general-enquiry", "generic",
        "Seeded case", null, CaseStatus.OPEN, Priority.NORMAL, null, null, null, null, "api", null, null, null,
        null, null, false, false, null, null, null, null, now, createdBy, now, createdBy, null, null, null, 0);
    cases.insert(c);
    changeLog.record(c, "CREATED", now, createdBy, List.of(), null);
    return cases.findById(c.id()).orElseThrow();
  }

  private synchronized void deployTestProcess() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(TEST_PROCESS_KEY).count() > 0) {
      return;
    }
    BpmnModelInstance model = Bpmn.createExecutableProcess(TEST_PROCESS_KEY)
        .name("Seeded test case")
        .camundaHistoryTimeToLive(1)
        .camundaVersionTag("test")
        .startEvent("StartEvent_CaseOpened").name("Case opened")
        .businessRuleTask("BusinessRuleTask_AssessRisk").name("Assess risk")
          .camundaDecisionRef(CaseLifecycle.Decisions.RISK_ASSESSMENT)
          .camundaOutputParameter(Variables.RISK_LEVEL, "${decisionResult.getSingleResult().riskLevel}")
        .userTask(TEST_TASK).name("Handle case").camundaCandidateGroups("general-team")
        .endEvent(TEST_END_HANDLED).name("Handled")
        .moveToActivity(TEST_TASK)
        .boundaryEvent("BoundaryEvent_CloseRequested").name("Close requested")
          .message(CaseLifecycle.Messages.CLOSE_REQUESTED)
        .endEvent(TEST_END_CLOSED).name("Closed")
        .done();
    repositoryService.createDeployment()
        .name(TEST_PROCESS_KEY)
        .addModelInstance(TEST_PROCESS_KEY + ".bpmn", model)
        .deploy();
  }
}
