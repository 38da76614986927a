package org.switchboard.process.caselifecycle;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.switchboard.process.caselifecycle.CaseLifecycle.Elements.*;
import static org.switchboard.process.caselifecycle.CaseLifecycle.Variables.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Forms;
import org.switchboard.process.caselifecycle.CaseLifecycle.Groups;
import org.switchboard.process.caselifecycle.CaseLifecycle.Messages;

/**
 * Walks every path of {@code CaseLifecycle.bpmn} with the real decision tables and forms, the delegate beans
 * replaced by {@link RecordingDelegate}s, and timers fired by hand.
 */
class CaseLifecycleTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(0.95)
      .build();

  /** Variable types a case may hold; the contract allows ids and routing facts only. */
  private static final Set<String> PRIMITIVE_TYPES = Set.of("string", "boolean", "integer", "long");

  private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");

  private final Map<String, RecordingDelegate> delegates = new HashMap<>();

  @BeforeAll
  static void deployLifecycle() {
    LifecycleDeployment.deploy(ENGINE.getProcessEngine().getRepositoryService());
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(NOW));
    for (String bean : List.of(Delegates.APPLY_TRIAGE, Delegates.RECORD_INTERACTION, Delegates.APPLY_REASSIGNMENT,
        Delegates.RECORD_ESCALATION, Delegates.RECORD_SLA_BREACH, Delegates.CLOSE_CASE, Delegates.REOPEN_CASE,
        Delegates.RECORD_FEEDBACK)) {
      RecordingDelegate delegate = new RecordingDelegate();
      delegates.put(bean, delegate);
      Mocks.register(bean, delegate);
    }
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------------------------------------------- triage

  @Test
  void lowRiskCaseIsResolvedWithoutFollowUpClosedAndEndsWithFeedback() {
    ProcessInstance caseInstance = openCase("customer-service", "general", false, false, false);

    assertThat(caseInstance)
        .hasPassedInOrder(START_EVENT_CASE_OPENED, BUSINESS_RULE_TASK_ASSESS_RISK, BUSINESS_RULE_TASK_ROUTE_CASE,
            BUSINESS_RULE_TASK_DETERMINE_SLA, SERVICE_TASK_APPLY_TRIAGE)
        .hasNotPassed(TASK_COMPLETE_INTAKE)
        .isWaitingAt(TASK_ASSESS_CASE)
        .variables()
        .containsEntry(RISK_LEVEL, "LOW")
        .containsEntry(RISK_SCORE, 10)
        .containsEntry(TEAM, "customer-care-team")
        .containsEntry(PRIORITY, "LOW")
        .containsEntry(FIRST_RESPONSE_SLA, "P1D")
        .containsEntry(RESOLUTION_SLA, "P10D");
    Assertions.assertThat(delegate(Delegates.APPLY_TRIAGE).onlyCall().variables())
        .containsEntry(TEAM, "customer-care-team")
        .containsEntry(PRIORITY, "LOW");
    assertThat(task(TASK_ASSESS_CASE, caseInstance)).hasCandidateGroup("customer-care-team");
    assertRendersForm(task(TASK_ASSESS_CASE, caseInstance), Forms.ASSESSMENT);

    complete(task(TASK_ASSESS_CASE, caseInstance), withVariables(FOLLOW_UP_NEEDED, false));

    assertThat(caseInstance).isWaitingAt(TASK_RESOLVE_CASE).hasNotPassed(TASK_HANDLE_CASE);
    assertThat(task(TASK_RESOLVE_CASE, caseInstance)).hasCandidateGroup("customer-care-team");
    assertRendersForm(task(TASK_RESOLVE_CASE, caseInstance), Forms.RESOLUTION);

    complete(task(TASK_RESOLVE_CASE, caseInstance), withVariables(OUTCOME, "RESOLVED"));

    assertThat(caseInstance)
        .hasPassedInOrder(TASK_ASSESS_CASE, TASK_RESOLVE_CASE, END_EVENT_HANDLING_COMPLETED, SERVICE_TASK_CLOSE_CASE)
        .isWaitingAt(EVENT_GATEWAY_AFTER_CLOSURE)
        .variables().containsEntry(CLOSURE_REASON, "RESOLVED").containsEntry(OUTCOME, "RESOLVED");
    Assertions.assertThat(delegate(Delegates.CLOSE_CASE).onlyCall().variables())
        .containsEntry(CLOSURE_REASON, "RESOLVED");

    correlate(caseInstance, Messages.FEEDBACK_RECEIVED, FEEDBACK_SCORE, 5);

    assertThat(caseInstance)
        .hasPassedInOrder(SERVICE_TASK_CLOSE_CASE, MESSAGE_EVENT_FEEDBACK_RECEIVED, SERVICE_TASK_RECORD_FEEDBACK,
            END_EVENT_CASE_CLOSED)
        .hasNotPassed(SERVICE_TASK_REOPEN_CASE, END_EVENT_REOPEN_WINDOW_ELAPSED)
        .isEnded();
    Assertions.assertThat(delegate(Delegates.RECORD_FEEDBACK).onlyCall().variables()).containsEntry(FEEDBACK_SCORE, 5);
  }

  @Test
  void caseOpenedWithoutIntakeIsTakenInByAnAgentThenFollowedUp() {
    ProcessInstance caseInstance = runtimeService().startProcessInstanceByKey(CaseLifecycle.PROCESS_KEY,
        newCaseId(), caseVariables("survivor-support", false));

    assertThat(caseInstance).isWaitingAt(TASK_COMPLETE_INTAKE).hasNotPassed(BUSINESS_RULE_TASK_ASSESS_RISK);
    assertThat(task(caseInstance)).hasCandidateGroup(Groups.AGENTS);
    assertRendersForm(task(caseInstance), Forms.INTAKE);
    Assertions.assertThat(delegate(Delegates.APPLY_TRIAGE).calls()).isEmpty();

    complete(task(caseInstance), withVariables(CATEGORY, "domestic-abuse", IMMEDIATE_DANGER, false,
        SELF_HARM_RISK, false, CHILD_AT_RISK, false));

    assertThat(caseInstance)
        .hasPassedInOrder(TASK_COMPLETE_INTAKE, BUSINESS_RULE_TASK_ASSESS_RISK, BUSINESS_RULE_TASK_ROUTE_CASE,
            BUSINESS_RULE_TASK_DETERMINE_SLA, SERVICE_TASK_APPLY_TRIAGE)
        .isWaitingAt(TASK_ASSESS_CASE)
        .variables()
        .containsEntry(RISK_LEVEL, "MEDIUM")
        .containsEntry(RISK_SCORE, 60)
        .containsEntry(TEAM, "survivor-support-team")
        .containsEntry(PRIORITY, "NORMAL")
        .containsEntry(FIRST_RESPONSE_SLA, "PT4H")
        .containsEntry(RESOLUTION_SLA, "P3D");

    complete(task(TASK_ASSESS_CASE, caseInstance), withVariables(FOLLOW_UP_NEEDED, true));

    assertThat(caseInstance).isWaitingAt(TASK_HANDLE_CASE);
    assertThat(task(TASK_HANDLE_CASE, caseInstance)).hasCandidateGroup("survivor-support-team");
    assertRendersForm(task(TASK_HANDLE_CASE, caseInstance), Forms.HANDLING);

    complete(task(TASK_HANDLE_CASE, caseInstance));
    complete(task(TASK_RESOLVE_CASE, caseInstance), withVariables(OUTCOME, "REFERRED"));

    assertThat(caseInstance)
        .hasPassedInOrder(TASK_ASSESS_CASE, TASK_HANDLE_CASE, TASK_RESOLVE_CASE, SERVICE_TASK_CLOSE_CASE)
        .isWaitingAt(EVENT_GATEWAY_AFTER_CLOSURE);
  }

  @ParameterizedTest(name = "{0}/{1}, danger={2}, self-harm={3} -> {4} {5} {6}/{7}")
  @CsvSource({
      "healthcare,       self-harm,      false, true,  HIGH,     80, PT15M, PT8H",
      "customer-service, billing,        false, true,  HIGH,     80, PT15M, PT8H",
      "survivor-support, domestic-abuse, true,  false, CRITICAL, 90, PT5M,  PT4H",
  })
  void highAndCriticalRiskGoesToTheCrisisTeamAsUrgent(String sector, String category, boolean immediateDanger,
      boolean selfHarmRisk, String riskLevel, int riskScore, String firstResponseSla, String resolutionSla) {
    ProcessInstance caseInstance = openCase(sector, category, immediateDanger, selfHarmRisk, false);

    assertThat(caseInstance).isWaitingAt(TASK_ASSESS_CASE).variables()
        .containsEntry(RISK_LEVEL, riskLevel)
        .containsEntry(RISK_SCORE, riskScore)
        .containsEntry(TEAM, "crisis-team")
        .containsEntry(PRIORITY, "URGENT")
        .containsEntry(FIRST_RESPONSE_SLA, firstResponseSla)
        .containsEntry(RESOLUTION_SLA, resolutionSla);
    assertThat(task(TASK_ASSESS_CASE, caseInstance)).hasCandidateGroup("crisis-team");
    assertThat(job(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, caseInstance))
        .hasDueDate(Date.from(NOW.plus(Duration.parse(firstResponseSla))));
    assertThat(job(START_EVENT_RESOLUTION_SLA_BREACHED, caseInstance))
        .hasDueDate(Date.from(NOW.plus(Duration.parse(resolutionSla))));
  }

  // ---------------------------------------------------------------------------------------------------- SLAs

  @ParameterizedTest(name = "supervisor chooses {0}")
  @ValueSource(strings = {"REASSIGN", "ACKNOWLEDGE"})
  void overdueFirstResponseIsRecordedAndReviewedWhileTheAssessmentStaysOpen(String action) {
    ProcessInstance caseInstance = openCase("customer-service", "general", false, false, false);
    String assessmentTaskId = task(TASK_ASSESS_CASE, caseInstance).getId();

    execute(job(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, caseInstance));

    assertThat(caseInstance)
        .hasPassedInOrder(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, SERVICE_TASK_RECORD_FIRST_RESPONSE_SLA_BREACH)
        .isWaitingAt(TASK_ASSESS_CASE, TASK_REVIEW_FIRST_RESPONSE_BREACH);
    RecordingDelegate.Call breach = delegate(Delegates.RECORD_SLA_BREACH).onlyCall();
    Assertions.assertThat(breach.activityId()).isEqualTo(SERVICE_TASK_RECORD_FIRST_RESPONSE_SLA_BREACH);
    Assertions.assertThat(breach.variables()).containsEntry(BREACHED_SLA, "FIRST_RESPONSE");
    assertThat(caseInstance).variables().doesNotContainKey(BREACHED_SLA);
    assertThat(task(TASK_REVIEW_FIRST_RESPONSE_BREACH, caseInstance)).hasCandidateGroup(Groups.SUPERVISORS);
    assertRendersForm(task(TASK_REVIEW_FIRST_RESPONSE_BREACH, caseInstance), Forms.ESCALATION_REVIEW);

    complete(task(TASK_REVIEW_FIRST_RESPONSE_BREACH, caseInstance), review(action, "general-team"));

    boolean reassigned = "REASSIGN".equals(action);
    assertThat(caseInstance)
        .hasPassed(reassigned
            ? END_EVENT_FIRST_RESPONSE_BREACH_REASSIGNED
            : END_EVENT_FIRST_RESPONSE_BREACH_ACKNOWLEDGED)
        .isWaitingAtExactly(SUBPROCESS_HANDLING, TASK_ASSESS_CASE);
    Assertions.assertThat(task(TASK_ASSESS_CASE, caseInstance).getId()).isEqualTo(assessmentTaskId);
    Assertions.assertThat(delegate(Delegates.APPLY_REASSIGNMENT).calls()).hasSize(reassigned ? 1 : 0)
        .allSatisfy(call -> {
          Assertions.assertThat(call.activityId())
              .isEqualTo(SERVICE_TASK_APPLY_REASSIGNMENT_AFTER_FIRST_RESPONSE_BREACH);
          Assertions.assertThat(call.variables()).containsEntry(REASSIGN_TO_TEAM, "general-team");
        });
  }

  @ParameterizedTest(name = "supervisor chooses {0}")
  @ValueSource(strings = {"REASSIGN", "ACKNOWLEDGE"})
  void overdueResolutionIsRecordedAndReviewedWhileHandlingGoesOn(String action) {
    ProcessInstance caseInstance = openCase("healthcare", "medical", false, false, false);
    complete(task(TASK_ASSESS_CASE, caseInstance), withVariables(FOLLOW_UP_NEEDED, true));

    execute(job(START_EVENT_RESOLUTION_SLA_BREACHED, caseInstance));

    assertThat(caseInstance)
        .hasPassed(SERVICE_TASK_RECORD_RESOLUTION_SLA_BREACH)
        .isWaitingAt(TASK_HANDLE_CASE, TASK_REVIEW_RESOLUTION_BREACH);
    RecordingDelegate.Call breach = delegate(Delegates.RECORD_SLA_BREACH).onlyCall();
    Assertions.assertThat(breach.activityId()).isEqualTo(SERVICE_TASK_RECORD_RESOLUTION_SLA_BREACH);
    Assertions.assertThat(breach.variables()).containsEntry(BREACHED_SLA, "RESOLUTION");
    assertThat(task(TASK_REVIEW_RESOLUTION_BREACH, caseInstance)).hasCandidateGroup(Groups.SUPERVISORS);
    assertRendersForm(task(TASK_REVIEW_RESOLUTION_BREACH, caseInstance), Forms.ESCALATION_REVIEW);

    complete(task(TASK_REVIEW_RESOLUTION_BREACH, caseInstance), review(action, "clinical-team"));

    boolean reassigned = "REASSIGN".equals(action);
    assertThat(caseInstance)
        .hasPassed(reassigned ? END_EVENT_RESOLUTION_BREACH_REASSIGNED : END_EVENT_RESOLUTION_BREACH_ACKNOWLEDGED)
        .isWaitingAtExactly(SUBPROCESS_HANDLING, TASK_HANDLE_CASE);
    Assertions.assertThat(delegate(Delegates.APPLY_REASSIGNMENT).calls()).hasSize(reassigned ? 1 : 0)
        .allSatisfy(call -> Assertions.assertThat(call.activityId())
            .isEqualTo(SERVICE_TASK_APPLY_REASSIGNMENT_AFTER_RESOLUTION_BREACH));
  }

  @Test
  void resolvingTheCaseEndsAReviewThatIsStillOpen() {
    ProcessInstance caseInstance = openCase("customer-service", "general", false, false, false);
    execute(job(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, caseInstance));
    complete(task(TASK_ASSESS_CASE, caseInstance), withVariables(FOLLOW_UP_NEEDED, false));

    complete(task(TASK_RESOLVE_CASE, caseInstance), withVariables(OUTCOME, "RESOLVED"));

    assertThat(caseInstance).isWaitingAt(EVENT_GATEWAY_AFTER_CLOSURE).hasPassed(END_EVENT_HANDLING_COMPLETED);
    Assertions.assertThat(taskQuery().processInstanceId(caseInstance.getId()).count()).isZero();
    Assertions.assertThat(delegate(Delegates.APPLY_REASSIGNMENT).calls()).isEmpty();
  }

  @Test
  void failingBreachRecordingRollsTheTimerBackAndRetriesItAMinuteLater() {
    ProcessInstance caseInstance = openCase("customer-service", "general", false, false, false);
    Mocks.register(Delegates.RECORD_SLA_BREACH, (JavaDelegate) execution -> {
      throw new IllegalStateException("case store unavailable");
    });

    Assertions.assertThatThrownBy(() -> execute(job(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, caseInstance)))
        .hasMessage("case store unavailable");

    assertThat(job(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, caseInstance))
        .hasRetries(2)
        .hasDueDate(Date.from(NOW.plus(1, ChronoUnit.MINUTES)));
    assertThat(caseInstance)
        .hasNotPassed(SERVICE_TASK_RECORD_FIRST_RESPONSE_SLA_BREACH)
        .isWaitingAtExactly(SUBPROCESS_HANDLING, TASK_ASSESS_CASE);
  }

  // ---------------------------------------------------------------------------------------------------- messages

  @Test
  void interactionIsRecordedWithoutTouchingTheOpenTask() {
    ProcessInstance caseInstance = openCase("customer-service", "billing", false, false, false);
    String assessmentTaskId = task(TASK_ASSESS_CASE, caseInstance).getId();

    correlate(caseInstance, Messages.INTERACTION_RECEIVED, INTERACTION_ID, "interaction-1");

    RecordingDelegate.Call call = delegate(Delegates.RECORD_INTERACTION).onlyCall();
    Assertions.assertThat(call.activityId()).isEqualTo(SERVICE_TASK_RECORD_INTERACTION);
    Assertions.assertThat(call.variables()).containsEntry(INTERACTION_ID, "interaction-1");
    assertThat(caseInstance)
        .hasPassed(END_EVENT_INTERACTION_RECORDED)
        .isWaitingAtExactly(SUBPROCESS_HANDLING, TASK_ASSESS_CASE);
    Assertions.assertThat(taskQuery().processInstanceId(caseInstance.getId()).list())
        .extracting(Task::getId).containsExactly(assessmentTaskId);
  }

  @Test
  void reassignmentRequestIsAppliedWithoutTouchingTheOpenTask() {
    ProcessInstance caseInstance = openCase("customer-service", "billing", false, false, false);
    String assessmentTaskId = task(TASK_ASSESS_CASE, caseInstance).getId();

    correlate(caseInstance, Messages.REASSIGNMENT_REQUESTED, REASSIGN_TO_TEAM, "general-team");

    RecordingDelegate.Call call = delegate(Delegates.APPLY_REASSIGNMENT).onlyCall();
    Assertions.assertThat(call.activityId()).isEqualTo(SERVICE_TASK_APPLY_REASSIGNMENT);
    Assertions.assertThat(call.variables()).containsEntry(REASSIGN_TO_TEAM, "general-team");
    assertThat(caseInstance)
        .hasPassed(END_EVENT_REASSIGNMENT_APPLIED)
        .isWaitingAtExactly(SUBPROCESS_HANDLING, TASK_ASSESS_CASE);
    Assertions.assertThat(task(TASK_ASSESS_CASE, caseInstance).getId()).isEqualTo(assessmentTaskId);
  }

  @ParameterizedTest(name = "supervisor chooses {0}")
  @ValueSource(strings = {"ACKNOWLEDGE", "REASSIGN"})
  void escalationIsRecordedAndReviewedBySupervisors(String action) {
    ProcessInstance caseInstance = openCase("generic", "general", false, false, false);

    correlate(caseInstance, Messages.ESCALATION_REQUESTED, null, null);

    Assertions.assertThat(delegate(Delegates.RECORD_ESCALATION).onlyCall().activityId())
        .isEqualTo(SERVICE_TASK_RECORD_ESCALATION);
    assertThat(caseInstance).isWaitingAt(TASK_ASSESS_CASE, TASK_REVIEW_ESCALATION);
    assertThat(task(TASK_REVIEW_ESCALATION, caseInstance)).hasCandidateGroup(Groups.SUPERVISORS);
    assertRendersForm(task(TASK_REVIEW_ESCALATION, caseInstance), Forms.ESCALATION_REVIEW);

    complete(task(TASK_REVIEW_ESCALATION, caseInstance), review(action, "crisis-team"));

    boolean reassigned = "REASSIGN".equals(action);
    assertThat(caseInstance)
        .hasPassed(reassigned ? END_EVENT_ESCALATION_REASSIGNED : END_EVENT_ESCALATION_ACKNOWLEDGED)
        .isWaitingAtExactly(SUBPROCESS_HANDLING, TASK_ASSESS_CASE);
    Assertions.assertThat(delegate(Delegates.APPLY_REASSIGNMENT).calls()).hasSize(reassigned ? 1 : 0)
        .allSatisfy(call -> Assertions.assertThat(call.activityId())
            .isEqualTo(SERVICE_TASK_APPLY_REASSIGNMENT_AFTER_REVIEW));
  }

  // ---------------------------------------------------------------------------------------------------- closure

  @ParameterizedTest(name = "closureReason {0}")
  @ValueSource(strings = {"CLOSED_BY_AGENT", "MERGED"})
  void closeRequestCancelsEveryOpenTaskAndClosesTheCase(String closureReason) {
    ProcessInstance caseInstance = openCase("survivor-support", "general", false, false, false);
    complete(task(TASK_ASSESS_CASE, caseInstance), withVariables(FOLLOW_UP_NEEDED, true));
    correlate(caseInstance, Messages.ESCALATION_REQUESTED, null, null);
    assertThat(caseInstance).isWaitingAt(TASK_HANDLE_CASE, TASK_REVIEW_ESCALATION);

    correlate(caseInstance, Messages.CLOSE_REQUESTED, CLOSURE_REASON, closureReason);

    assertThat(caseInstance)
        .hasPassedInOrder(BOUNDARY_EVENT_CLOSE_REQUESTED, SERVICE_TASK_CLOSE_CASE)
        .hasNotPassed(TASK_RESOLVE_CASE, END_EVENT_HANDLING_COMPLETED)
        .isWaitingAtExactly(EVENT_GATEWAY_AFTER_CLOSURE);
    Assertions.assertThat(taskQuery().processInstanceId(caseInstance.getId()).count()).isZero();
    Assertions.assertThat(historyService().createHistoricActivityInstanceQuery()
            .processInstanceId(caseInstance.getId()).canceled().list())
        .extracting(HistoricActivityInstance::getActivityId)
        .contains(TASK_HANDLE_CASE, TASK_REVIEW_ESCALATION);
    Assertions.assertThat(delegate(Delegates.CLOSE_CASE).onlyCall().variables())
        .containsEntry(CLOSURE_REASON, closureReason);
  }

  @Test
  void reopenedCaseIsTriagedAgainOnTheFactsAsTheyAreNow() {
    ProcessInstance caseInstance = openCase("customer-service", "billing", false, false, false);
    correlate(caseInstance, Messages.CLOSE_REQUESTED, CLOSURE_REASON, "CLOSED_BY_AGENT");

    runtimeService().createMessageCorrelation(Messages.REOPEN_REQUESTED)
        .processInstanceBusinessKey(caseInstance.getBusinessKey())
        .setVariable(CHILD_AT_RISK, true)
        .correlate();

    assertThat(caseInstance)
        .hasPassed(MESSAGE_EVENT_REOPEN_REQUESTED, SERVICE_TASK_REOPEN_CASE)
        .isWaitingAt(TASK_ASSESS_CASE)
        .variables()
        .containsEntry(RISK_LEVEL, "HIGH")
        .containsEntry(TEAM, "customer-care-team")
        .containsEntry(PRIORITY, "HIGH");
    Assertions.assertThat(delegate(Delegates.REOPEN_CASE).calls()).hasSize(1);
    Assertions.assertThat(delegate(Delegates.APPLY_TRIAGE).calls()).extracting(call -> call.variables().get(PRIORITY))
        .containsExactly("LOW", "HIGH");
    assertThat(task(TASK_ASSESS_CASE, caseInstance)).hasCandidateGroup("customer-care-team");
  }

  @Test
  void caseEndsWhenTheReopenWindowPassesWithoutFeedback() {
    ProcessInstance caseInstance = openCase("customer-service", "complaint", false, false, false);
    correlate(caseInstance, Messages.CLOSE_REQUESTED, CLOSURE_REASON, "CLOSED_BY_AGENT");
    assertThat(job(TIMER_EVENT_REOPEN_WINDOW_ELAPSED, caseInstance))
        .hasDueDate(Date.from(NOW.plus(14, ChronoUnit.DAYS)));

    execute(job(TIMER_EVENT_REOPEN_WINDOW_ELAPSED, caseInstance));

    assertThat(caseInstance)
        .hasPassedInOrder(SERVICE_TASK_CLOSE_CASE, TIMER_EVENT_REOPEN_WINDOW_ELAPSED, END_EVENT_REOPEN_WINDOW_ELAPSED)
        .hasNotPassed(SERVICE_TASK_RECORD_FEEDBACK, SERVICE_TASK_REOPEN_CASE)
        .isEnded();
  }

  // ---------------------------------------------------------------------------------------------------- data

  @Test
  void aCaseOnlyEverHoldsPrimitiveVariables() {
    ProcessInstance caseInstance = runtimeService().startProcessInstanceByKey(CaseLifecycle.PROCESS_KEY,
        newCaseId(), caseVariables("healthcare", false));
    complete(task(caseInstance), withVariables(CATEGORY, "medical", IMMEDIATE_DANGER, false, SELF_HARM_RISK, false,
        CHILD_AT_RISK, false));
    correlate(caseInstance, Messages.INTERACTION_RECEIVED, INTERACTION_ID, "interaction-7");
    execute(job(BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED, caseInstance));
    complete(task(TASK_REVIEW_FIRST_RESPONSE_BREACH, caseInstance), review("REASSIGN", "general-team"));
    complete(task(TASK_ASSESS_CASE, caseInstance), withVariables(FOLLOW_UP_NEEDED, true));
    assertOnlyPrimitiveVariables(caseInstance);

    complete(task(TASK_HANDLE_CASE, caseInstance));
    complete(task(TASK_RESOLVE_CASE, caseInstance), withVariables(OUTCOME, "RESOLVED"));
    correlate(caseInstance, Messages.FEEDBACK_RECEIVED, FEEDBACK_SCORE, 4);

    assertThat(caseInstance).isEnded();
    Assertions.assertThat(historyService().createHistoricDetailQuery().variableUpdates()
            .processInstanceId(caseInstance.getId()).list())
        .isNotEmpty()
        .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName() + ":"
            + ((HistoricVariableUpdate) detail).getTypeName())
        .allSatisfy(nameAndType -> Assertions.assertThat(PRIMITIVE_TYPES)
            .as(nameAndType).contains(nameAndType.substring(nameAndType.indexOf(':') + 1)));
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  private ProcessInstance openCase(String sector, String category, boolean immediateDanger, boolean selfHarmRisk,
      boolean childAtRisk) {
    Map<String, Object> variables = caseVariables(sector, true);
    variables.putAll(withVariables(CATEGORY, category, IMMEDIATE_DANGER, immediateDanger, SELF_HARM_RISK,
        selfHarmRisk, CHILD_AT_RISK, childAtRisk));
    return runtimeService().startProcessInstanceByKey(CaseLifecycle.PROCESS_KEY, newCaseId(), variables);
  }

  private static Map<String, Object> caseVariables(String sector, boolean intakeComplete) {
    return withVariables(SECTOR, sector, CASE_TYPE, sector + "-default", CHANNEL, "phone",
        INTAKE_COMPLETE, intakeComplete);
  }

  /** The case id is the business key; every test opens its own case. */
  private static String newCaseId() {
    return "case-" + UUID.randomUUID();
  }

  private static void correlate(ProcessInstance caseInstance, String message, String variable, Object value) {
    var correlation = runtimeService().createMessageCorrelation(message)
        .processInstanceBusinessKey(caseInstance.getBusinessKey());
    if (variable != null) {
      correlation.setVariable(variable, value);
    }
    correlation.correlate();
  }

  private static Map<String, Object> review(String action, String team) {
    return "REASSIGN".equals(action)
        ? withVariables(ESCALATION_ACTION, action, REASSIGN_TO_TEAM, team)
        : withVariables(ESCALATION_ACTION, action);
  }

  private RecordingDelegate delegate(String bean) {
    return delegates.get(bean);
  }

  /** The form is resolved from the case's own deployment, as Tasklist would. */
  private static void assertRendersForm(Task task, String formId) {
    try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
      Assertions.assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"id\": \"" + formId + "\"");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertOnlyPrimitiveVariables(ProcessInstance caseInstance) {
    VariableMap variables = runtimeService().getVariablesTyped(caseInstance.getId());
    Assertions.assertThat(variables.keySet())
        .isNotEmpty()
        .allSatisfy(name -> Assertions.assertThat(PRIMITIVE_TYPES)
            .as(name)
            .contains(variables.getValueTyped(name).getType().getName()));
  }
}
