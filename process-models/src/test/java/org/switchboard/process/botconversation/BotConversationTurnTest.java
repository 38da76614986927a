package org.switchboard.process.botconversation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.switchboard.process.botconversation.BotConversationTurn.Elements.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
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
import org.switchboard.process.botconversation.BotConversationTurn.BotVariables;
import org.switchboard.process.botconversation.BotConversationTurn.Delegates;
import org.switchboard.process.botconversation.BotConversationTurn.StartVariables;
import org.switchboard.process.botconversation.BotConversationTurn.Topics;

/** Every path of {@code BotConversationTurn.bpmn}: the worker is played by hand, the handoff delegate by a recorder. */
class BotConversationTurnTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(1.0)
      .build();

  private final List<Map<String, Object>> handoffs = new ArrayList<>();

  @BeforeAll
  static void deploy() {
    ENGINE.getProcessEngine().getRepositoryService().createDeployment().name(BotConversationTurn.PROCESS_KEY)
        .addClasspathResource("processes/" + BotConversationTurn.PROCESS_KEY + ".bpmn").deploy();
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    Mocks.register(Delegates.HAND_OFF_BOT_CONVERSATION,
        (JavaDelegate) (DelegateExecution e) -> handoffs.add(new HashMap<>(e.getVariables())));
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void aConfidentAnswerEndsTheTurnWithoutAPerson() {
    ProcessInstance turn = start();

    botReplied(true, false, "reply-1");

    assertThat(turn).hasPassedInOrder(SERVICE_TASK_CHATBOT_REPLY, GATEWAY_HANDOFF, END_EVENT_BOT_ANSWERED)
        .hasNotPassed(SERVICE_TASK_HAND_OFF_TO_HUMAN).isEnded();
    Assertions.assertThat(handoffs).isEmpty();
  }

  @Test
  void aRequestForAPersonIsHandedOffBehindASavePoint() {
    ProcessInstance turn = start();

    botReplied(true, true, null);

    assertThat(turn).isWaitingAt(SERVICE_TASK_HAND_OFF_TO_HUMAN);
    Assertions.assertThat(handoffs).as("nothing before the save point").isEmpty();
    execute(job());
    assertThat(turn).hasPassed(SERVICE_TASK_HAND_OFF_TO_HUMAN).hasPassed(END_EVENT_HANDED_OFF).isEnded();
    Assertions.assertThat(handoffs).singleElement().satisfies(v -> Assertions.assertThat(v)
        .containsEntry(StartVariables.CASE_ID, "case-1").containsEntry(StartVariables.CONVERSATION_ID, "conv-1")
        .containsEntry(BotVariables.RESULT_ID, "r-1"));
  }

  @Test
  void aBotSwitchedOffIsAModeledHandoffNotAnIncident() {
    ProcessInstance turn = start();

    botReplied(false, true, null);
    execute(job());

    assertThat(turn).hasPassed(SERVICE_TASK_HAND_OFF_TO_HUMAN).isEnded();
    Assertions.assertThat(handoffs).singleElement()
        .satisfies(v -> Assertions.assertThat(v).containsEntry(BotVariables.AVAILABLE, false));
  }

  @Test
  void aTurnOvertakenByANewerMessageOrAPersonEndsSilently() {
    ProcessInstance turn = start();

    botStoodDown();

    assertThat(turn).hasPassedInOrder(SERVICE_TASK_CHATBOT_REPLY, GATEWAY_HANDOFF, END_EVENT_TURN_SKIPPED)
        .hasNotPassed(SERVICE_TASK_HAND_OFF_TO_HUMAN, END_EVENT_BOT_ANSWERED).isEnded();
    Assertions.assertThat(handoffs).isEmpty();
  }

  private ProcessInstance start() {
    ProcessInstance turn = runtimeService().startProcessInstanceByKey(BotConversationTurn.PROCESS_KEY, "message-1",
        Map.of(StartVariables.MESSAGE_ID, "message-1", StartVariables.CASE_ID, "case-1",
            StartVariables.CONVERSATION_ID, "conv-1"));
    assertThat(turn).isWaitingAt(SERVICE_TASK_CHATBOT_REPLY);
    execute(job());
    return turn;
  }

  private static void botStoodDown() {
    complete(Map.of(BotVariables.AVAILABLE, true, BotVariables.HANDOFF, false, BotVariables.SKIPPED, true));
  }

  private static void botReplied(boolean available, boolean handoff, String replyMessageId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(BotVariables.AVAILABLE, available);
    variables.put(BotVariables.HANDOFF, handoff);
    variables.put(BotVariables.SKIPPED, false);
    variables.put(BotVariables.REPLY_MESSAGE_ID, replyMessageId);
    variables.put(BotVariables.RESULT_ID, available ? "r-1" : null);
    complete(variables);
  }

  private static void complete(Map<String, Object> variables) {
    List<LockedExternalTask> locked = externalTaskService().fetchAndLock(1, "test-worker")
        .topic(Topics.CHATBOT_REPLY, 60_000).execute();
    Assertions.assertThat(locked).hasSize(1);
    externalTaskService().complete(locked.get(0).getId(), "test-worker", variables);
  }
}
