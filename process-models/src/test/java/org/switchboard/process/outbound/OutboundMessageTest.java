package org.switchboard.process.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.switchboard.process.outbound.OutboundMessage.Elements.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;
import org.switchboard.process.outbound.OutboundMessage.Delegates;
import org.switchboard.process.outbound.OutboundMessage.ErrorCodes;
import org.switchboard.process.outbound.OutboundMessage.Forms;
import org.switchboard.process.outbound.OutboundMessage.Topics;
import org.switchboard.process.outbound.OutboundMessage.Variables;

/**
 * Walks every path of {@code OutboundMessage.bpmn}: each channel's send done by an external task (fetched and
 * completed the way the workers do), and each refusal code raised as a BPMN error.
 */
class OutboundMessageTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(1.0)
      .build();

  private static final String WORKER = "test-worker";

  private final RefusalDelegate refusals = new RefusalDelegate();

  @BeforeAll
  static void deploy() {
    try (InputStream bpmn = new ClassPathResource("processes/" + OutboundMessage.PROCESS_KEY + ".bpmn").getInputStream();
        InputStream form = new ClassPathResource("forms/" + Forms.REFUSAL_REVIEW + ".form").getInputStream()) {
      ENGINE.getProcessEngine().getRepositoryService().createDeployment()
          .addInputStream(OutboundMessage.PROCESS_KEY + ".bpmn", bpmn)
          .addInputStream(Forms.REFUSAL_REVIEW + ".form", form)
          .deploy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    Mocks.register(Delegates.RECORD_SEND_REFUSAL, refusals);
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @ParameterizedTest(name = "{0} goes to {1}")
  @CsvSource({
      "SMS, SendSms, ServiceTask_SendSms",
      "WHATSAPP, SendWhatsApp, ServiceTask_SendWhatsApp",
      "EMAIL, SendEmail, ServiceTask_SendEmail",
      "WEBCHAT, SendWebChat, ServiceTask_SendWebChat",
      "MESSENGER, SendMessenger, ServiceTask_SendMessenger",
      "INSTAGRAM, SendMessenger, ServiceTask_SendMessenger"})
  void eachChannelIsSentByTheWorkerOfItsTopicBehindASavePoint(String channel, String topic, String taskId) {
    ProcessInstance instance = start(channel);

    // The save point: nothing is fetchable until the job ran, so the starting transaction commits first.
    BpmnAwareTests.assertThat(instance).isWaitingAt(taskId);
    assertThat(fetch(topic)).isEmpty();
    execute(job(instance));
    List<LockedExternalTask> locked = fetch(topic);
    assertThat(locked).singleElement().satisfies(t -> {
      assertThat(t.getBusinessKey()).isEqualTo(instance.getBusinessKey());
      assertThat(t.getVariables()).containsEntry(Variables.MESSAGE_ID, instance.getBusinessKey())
          .containsEntry(Variables.CHANNEL, channel);
    });
    externalTaskService().complete(locked.get(0).getId(), WORKER);

    BpmnAwareTests.assertThat(instance).hasPassedInOrder(START_EVENT_MESSAGE_QUEUED, START_EVENT_SEND_STARTED,
        GATEWAY_CHANNEL, taskId, GATEWAY_SENT, END_EVENT_SEND_COMPLETED, END_EVENT_MESSAGE_SENT).isEnded();
    assertThat(refusals.calls).isEmpty();
  }

  @ParameterizedTest(name = "{0} is recorded and ends")
  @CsvSource({
      "OPTED_OUT, BoundaryEvent_OptedOut",
      "WINDOW_CLOSED, BoundaryEvent_WindowClosed",
      "CHANNEL_NOT_CONFIGURED, BoundaryEvent_ChannelNotConfigured",
      "INVALID_RECIPIENT, BoundaryEvent_InvalidRecipient"})
  void refusalsNobodyHasToActOnAreRecordedAndEndTheSend(String code, String boundaryEvent) {
    ProcessInstance instance = start("WHATSAPP");
    execute(job(instance));

    externalTaskService().handleBpmnError(fetch(Topics.SEND_WHATSAPP).get(0).getId(), WORKER, code, "refused");

    BpmnAwareTests.assertThat(instance).hasPassedInOrder(SERVICE_TASK_SEND_WHATSAPP, boundaryEvent, GATEWAY_REFUSED,
        SERVICE_TASK_RECORD_REFUSAL, END_EVENT_SEND_REFUSED).hasNotPassed(END_EVENT_MESSAGE_SENT).isEnded();
    assertThat(refusals.calls).containsExactly(instance.getBusinessKey() + ":" + code);
  }

  @ParameterizedTest(name = "{0} becomes a task for the case's team")
  @CsvSource({
      "UNSAFE_TO_CONTACT, BoundaryEvent_UnsafeToContact",
      "SEND_IN_DOUBT, BoundaryEvent_SendInDoubt"})
  void refusalsThatNeedAPersonBecomeATaskForTheCasesTeam(String code, String boundaryEvent) {
    ProcessInstance instance = start("SMS");
    execute(job(instance));

    externalTaskService().handleBpmnError(fetch(Topics.SEND_SMS).get(0).getId(), WORKER, code, "refused");

    BpmnAwareTests.assertThat(instance).hasPassedInOrder(boundaryEvent, GATEWAY_REVIEW_NEEDED,
        SERVICE_TASK_RECORD_REFUSAL_FOR_REVIEW).isWaitingAt(TASK_REVIEW_REFUSAL);
    BpmnAwareTests.assertThat(task(TASK_REVIEW_REFUSAL, instance)).hasCandidateGroup(RefusalDelegate.TEAM);
    assertThat(refusals.calls).containsExactly(instance.getBusinessKey() + ":" + code);

    complete(task(TASK_REVIEW_REFUSAL, instance));
    BpmnAwareTests.assertThat(instance).hasPassed(END_EVENT_REFUSAL_REVIEWED).isEnded();
  }

  @Test
  void everyRefusalCodeOfTheContractHasItsBoundaryEvent() {
    for (String code : List.of(ErrorCodes.UNSAFE_TO_CONTACT, ErrorCodes.OPTED_OUT, ErrorCodes.WINDOW_CLOSED,
        ErrorCodes.CHANNEL_NOT_CONFIGURED, ErrorCodes.INVALID_RECIPIENT, ErrorCodes.SEND_IN_DOUBT)) {
      ProcessInstance instance = start("EMAIL");
      execute(job(instance));
      externalTaskService().handleBpmnError(fetch(Topics.SEND_EMAIL).get(0).getId(), WORKER, code, "refused");
      assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
      BpmnAwareTests.assertThat(instance).hasNotPassed(END_EVENT_MESSAGE_SENT);
    }
  }

  @Test
  void onlyIdsAndRoutingFactsAreProcessVariables() {
    ProcessInstance instance = start("SMS");
    execute(job(instance));
    externalTaskService().handleBpmnError(fetch(Topics.SEND_SMS).get(0).getId(), WORKER, ErrorCodes.SEND_IN_DOUBT,
        "refused");

    assertThat(runtimeService().getVariables(instance.getId())).containsOnlyKeys(Variables.MESSAGE_ID,
        Variables.CASE_ID, Variables.CHANNEL, Variables.REFUSAL_CODE, Variables.TEAM)
        .allSatisfy((name, value) -> assertThat(value).isInstanceOf(String.class));
  }

  private static ProcessInstance start(String channel) {
    String messageId = UUID.randomUUID().toString();
    return runtimeService().startProcessInstanceByKey(OutboundMessage.PROCESS_KEY, messageId, Map.of(
        Variables.MESSAGE_ID, messageId, Variables.CASE_ID, UUID.randomUUID().toString(), Variables.CHANNEL, channel));
  }

  private static List<LockedExternalTask> fetch(String topic) {
    return externalTaskService().fetchAndLock(10, WORKER).topic(topic, 60_000).enableCustomObjectDeserialization()
        .execute();
  }

  /** Stands in for the refusal delegate: remembers message and code and names the case's team. */
  static final class RefusalDelegate implements JavaDelegate {
    static final String TEAM = "customer-care-team";
    final List<String> calls = new ArrayList<>();

    @Override
    public void execute(DelegateExecution execution) {
      calls.add(execution.getVariable(Variables.MESSAGE_ID) + ":" + execution.getVariable(Variables.REFUSAL_CODE));
      execution.setVariable(Variables.TEAM, TEAM);
    }
  }
}
