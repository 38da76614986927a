package org.switchboard.caseapi.conversations.outbound.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.outbound.RecordSendRefusalUseCase;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.process.outbound.OutboundMessage.Delegates;
import org.switchboard.process.outbound.OutboundMessage.Variables;

/** Records a refused send on the message and the case; names the case's team for the review task. */
@Component(Delegates.RECORD_SEND_REFUSAL)
public class RecordSendRefusalDelegate implements JavaDelegate {

  private final RecordSendRefusalUseCase useCase;

  public RecordSendRefusalDelegate(RecordSendRefusalUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String team = useCase.record((String) execution.getVariable(Variables.MESSAGE_ID),
        (String) execution.getVariable(Variables.REFUSAL_CODE), CurrentUser.SYSTEM_USER);
    execution.setVariable(Variables.TEAM, team);
  }
}
