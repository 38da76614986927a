package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;

/** Opens a closed case again; the model then runs triage once more. */
@Component(Delegates.REOPEN_CASE)
public class ReopenCaseDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public ReopenCaseDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.reopen(ProcessFacts.caseId(execution), ProcessFacts.actor(execution));
  }
}
