package org.switchboard.process.messageanalysis;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.switchboard.process.messageanalysis.InboundMessageAnalysis.AiVariables.*;
import static org.switchboard.process.messageanalysis.InboundMessageAnalysis.Elements.*;
import static org.switchboard.process.messageanalysis.InboundMessageAnalysis.ReviewVariables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.Decisions;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.Delegates;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.StartVariables;

/**
 * Every path of {@code InboundMessageAnalysis.bpmn} with the real risk and SLA tables and the review form; the AI
 * workers are played by completing the external tasks by hand, the delegates by recorders.
 */
class InboundMessageAnalysisTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(1.0)
      .build();

  private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");

  private final Map<String, List<Map<String, Object>>> delegateCalls = new HashMap<>();

  @BeforeAll
  static void deploy() throws IOException {
    DeploymentBuilder deployment = ENGINE.getProcessEngine().getRepositoryService().createDeployment()
        .name(InboundMessageAnalysis.PROCESS_KEY);
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : List.of("processes/" + InboundMessageAnalysis.PROCESS_KEY + ".bpmn", "decisions/*.dmn",
        "forms/*.form")) {
      for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
        try (InputStream in = resource.getInputStream()) {
          deployment.addInputStream(pattern.substring(0, pattern.indexOf('/') + 1) + resource.getFilename(), in);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    deployment.deploy();
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(NOW));
    for (String bean : List.of(Delegates.APPLY_AI_RISK_REVIEW, Delegates.RECORD_MESSAGE_ANALYSIS)) {
      List<Map<String, Object>> calls = new ArrayList<>();
      delegateCalls.put(bean, calls);
      Mocks.register(bean, (JavaDelegate) (DelegateExecution e) -> calls.add(new HashMap<>(e.getVariables())));
    }
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void imminentDangerInASurvivorCaseGoesToASupervisorDueWithinTheCriticalFirstResponseTarget() {
    ProcessInstance analysis = start("survivor-support", "domestic-abuse", "MEDIUM", 60);

    keywordsFound("CRITICAL", "weapon,imminent-danger", true, false, false);
    sentimentFound("HIGH");

    assertThat(analysis).hasPassedInOrder(SERVICE_TASK_DETECT_RISK_KEYWORDS, SERVICE_TASK_ANALYZE_SENTIMENT,
            BUSINESS_RULE_TASK_PROPOSE_RISK, BUSINESS_RULE_TASK_DETERMINE_REVIEW_DEADLINE)
        .isWaitingAt(TASK_REVIEW_AI_RISK_FINDING)
        .variables()
        .containsEntry(PROPOSED_RISK_LEVEL, "CRITICAL")
        .containsEntry(REVIEW_DEADLINE, "PT5M");
    Task review = task(analysis);
    assertThat(review).hasCandidateGroup("supervisors");
    try (InputStream form = formService().getDeployedTaskForm(review.getId())) {
      Assertions.assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"id\": \"AiRiskReview\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Assertions.assertThat(review.getDueDate()).isEqualTo(Date.from(NOW.plusSeconds(300)));

    complete(review, withVariables(DECISION, Decisions.APPROVE, REASON, "CONFIRMED_BY_MESSAGE"));

    assertThat(analysis).hasPassed(SERVICE_TASK_APPLY_AI_RISK_REVIEW).isEnded()
        .hasPassed(END_EVENT_FINDING_REVIEWED);
    Assertions.assertThat(delegateCalls.get(Delegates.APPLY_AI_RISK_REVIEW)).singleElement().satisfies(v -> {
      Assertions.assertThat(v).containsEntry(DECISION, "APPROVE").containsEntry(PROPOSED_RISK_LEVEL, "CRITICAL")
          .containsEntry(StartVariables.CASE_ID, "case-1").containsEntry(StartVariables.MESSAGE_ID, "msg-1");
    });
  }

  @Test
  void selfHarmWordsInAHealthcareCaseAskForReviewAtHighRisk() {
    ProcessInstance analysis = start("healthcare", "medical", "LOW", 20);

    keywordsFound("HIGH", "self-harm", false, true, false);
    sentimentFound("MEDIUM");

    assertThat(analysis).isWaitingAt(TASK_REVIEW_AI_RISK_FINDING).variables()
        .containsEntry(PROPOSED_RISK_LEVEL, "HIGH");
    complete(task(analysis), withVariables(DECISION, Decisions.REJECT, REASON, "FALSE_POSITIVE_NEGATION"));
    assertThat(analysis).isEnded();
    Assertions.assertThat(delegateCalls.get(Delegates.APPLY_AI_RISK_REVIEW)).singleElement()
        .satisfies(v -> Assertions.assertThat(v).containsEntry(DECISION, "REJECT"));
  }

  @Test
  void aFindingThatDoesNotRaiseTheRiskIsOnlyRecorded() {
    ProcessInstance analysis = start("survivor-support", "domestic-abuse", "CRITICAL", 100);

    keywordsFound("HIGH", "child-safety", false, false, true);
    sentimentFound("LOW");

    assertThat(analysis).hasPassed(BUSINESS_RULE_TASK_PROPOSE_RISK, SERVICE_TASK_RECORD_ANALYSIS)
        .hasNotPassed(TASK_REVIEW_AI_RISK_FINDING).isEnded().hasPassed(END_EVENT_ANALYSIS_RECORDED);
    Assertions.assertThat(delegateCalls.get(Delegates.RECORD_MESSAGE_ANALYSIS)).hasSize(1);
  }

  @Test
  void withKeywordDetectionSwitchedOffTheMessageIsRecordedAsNotAnalysed() {
    ProcessInstance analysis = start("customer-service", "general", "LOW", 10);

    finish(lock("DetectRiskKeywords"), Map.of(KEYWORDS_AVAILABLE, false));
    finish(lock("AnalyzeSentiment"), Map.of(SENTIMENT_AVAILABLE, false));

    assertThat(analysis).hasNotPassed(BUSINESS_RULE_TASK_PROPOSE_RISK).hasPassed(SERVICE_TASK_RECORD_ANALYSIS)
        .isEnded();
    Assertions.assertThat(delegateCalls.get(Delegates.RECORD_MESSAGE_ANALYSIS)).singleElement()
        .satisfies(v -> Assertions.assertThat(v).containsEntry(KEYWORDS_AVAILABLE, false));
  }

  @Test
  void aModifiedDecisionCarriesTheSupervisorsRiskLevel() {
    ProcessInstance analysis = start("generic", "general", "LOW", 10);
    keywordsFound("CRITICAL", "imminent-danger", true, false, false);
    sentimentFound("NONE");

    complete(task(analysis), withVariables(DECISION, Decisions.MODIFY, REVIEWED_RISK_LEVEL, "HIGH",
        REASON, "SEVERITY_ADJUSTED"));

    Assertions.assertThat(delegateCalls.get(Delegates.APPLY_AI_RISK_REVIEW)).singleElement()
        .satisfies(v -> Assertions.assertThat(v).containsEntry(REVIEWED_RISK_LEVEL, "HIGH"));
  }

  private ProcessInstance start(String sector, String category, String riskLevel, int riskScore) {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(InboundMessageAnalysis.PROCESS_KEY,
        "msg-1", withVariables(StartVariables.MESSAGE_ID, "msg-1", StartVariables.CASE_ID, "case-1",
            StartVariables.SECTOR, sector, StartVariables.CATEGORY, category, StartVariables.PRIORITY, "NORMAL",
            StartVariables.CURRENT_RISK_LEVEL, riskLevel, StartVariables.CURRENT_RISK_SCORE, riskScore));
    assertThat(instance).isWaitingAt(SERVICE_TASK_DETECT_RISK_KEYWORDS);
    execute(job());
    return instance;
  }

  private void keywordsFound(String severity, String categories, boolean danger, boolean selfHarm, boolean child) {
    finish(lock("DetectRiskKeywords"), Map.of(KEYWORDS_AVAILABLE, true, MAX_SEVERITY, severity,
        FINDING_CATEGORIES, categories, IMMEDIATE_DANGER, danger, SELF_HARM_RISK, selfHarm, CHILD_AT_RISK, child,
        KEYWORDS_RESULT_ID, "result-1"));
  }

  private void sentimentFound(String band) {
    finish(lock("AnalyzeSentiment"), Map.of(SENTIMENT_AVAILABLE, true, DISTRESS_BAND, band,
        SENTIMENT_RESULT_ID, "result-2"));
  }

  private static LockedExternalTask lock(String topic) {
    // Every external task sits behind a save point: run its job first.
    BpmnAwareTests.managementService().createJobQuery().executable().list()
        .forEach(j -> BpmnAwareTests.managementService().executeJob(j.getId()));
    List<LockedExternalTask> locked = externalTaskService().fetchAndLock(1, "test-worker").topic(topic, 60_000)
        .execute();
    Assertions.assertThat(locked).as("a task on " + topic).hasSize(1);
    return locked.get(0);
  }

  private static void finish(LockedExternalTask task, Map<String, Object> variables) {
    externalTaskService().complete(task.getId(), "test-worker", variables);
  }
}
