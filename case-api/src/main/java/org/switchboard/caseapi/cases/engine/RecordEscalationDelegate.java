package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Marks the case escalated before a supervisor reviews it. */
@Component(Delegates.RECORD_ESCALATION)
public class RecordEscalationDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public RecordEscalationDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.recordEscalation(ProcessFacts.caseId(execution), ProcessFacts.string(execution, Variables.ESCALATION_REASON),
        ProcessFacts.actor(execution));
  }
}
