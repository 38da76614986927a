package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Closes the case with {@code closureReason} and {@code outcome}, after resolution or a close request. */
@Component(Delegates.CLOSE_CASE)
public class CloseCaseDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public CloseCaseDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.close(ProcessFacts.caseId(execution), ProcessFacts.string(execution, Variables.CLOSURE_REASON),
        ProcessFacts.string(execution, Variables.OUTCOME), ProcessFacts.actor(execution));
  }
}
