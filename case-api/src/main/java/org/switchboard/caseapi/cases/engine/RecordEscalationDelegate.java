package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;

/** Marks the case escalated before a supervisor reviews it. */
@Component(Delegates.RECORD_ESCALATION)
public class RecordEscalationDelegate implements JavaDelegate {

  /**
   * Reason code sent with the escalation message (e.g. {@code SAFEGUARDING}); a code, never text.
   * Not (yet) among {@code CaseLifecycle.Variables}: the model does not route on it.
   */
  public static final String ESCALATION_REASON = "escalationReason";

  private final CaseLifecycleUseCases lifecycle;

  public RecordEscalationDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.recordEscalation(ProcessFacts.caseId(execution), ProcessFacts.string(execution, ESCALATION_REASON),
        ProcessFacts.actor(execution));
  }
}
