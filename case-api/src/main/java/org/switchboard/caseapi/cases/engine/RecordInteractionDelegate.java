package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Notes on the case that an interaction (message, call, note) arrived; the content stays in its own table. */
@Component(Delegates.RECORD_INTERACTION)
public class RecordInteractionDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public RecordInteractionDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.recordInteraction(ProcessFacts.caseId(execution),
        ProcessFacts.string(execution, Variables.INTERACTION_ID), ProcessFacts.actor(execution));
  }
}
