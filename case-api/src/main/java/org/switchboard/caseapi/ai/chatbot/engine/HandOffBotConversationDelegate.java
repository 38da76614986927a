package org.switchboard.caseapi.ai.chatbot.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.chatbot.BotHandoffUseCase;
import org.switchboard.caseapi.cases.engine.ProcessFacts;
import org.switchboard.process.botconversation.BotConversationTurn.BotVariables;
import org.switchboard.process.botconversation.BotConversationTurn.Delegates;
import org.switchboard.process.botconversation.BotConversationTurn.StartVariables;

/** The bot could not (or may not) answer: the conversation goes to the case's human queue. */
@Component(Delegates.HAND_OFF_BOT_CONVERSATION)
public class HandOffBotConversationDelegate implements JavaDelegate {

  private final BotHandoffUseCase useCase;

  public HandOffBotConversationDelegate(BotHandoffUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public void execute(DelegateExecution execution) {
    useCase.handOff(new BotHandoffUseCase.Handoff(
        (String) execution.getVariable(StartVariables.CASE_ID),
        (String) execution.getVariable(StartVariables.CONVERSATION_ID),
        (String) execution.getVariable(StartVariables.MESSAGE_ID),
        Boolean.TRUE.equals(execution.getVariable(BotVariables.AVAILABLE)),
        (String) execution.getVariable(BotVariables.RESULT_ID)), ProcessFacts.actor(execution));
  }
}
