package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Stores the caller's satisfaction score ({@code feedbackScore}, 1..5) on the closed case. */
@Component(Delegates.RECORD_FEEDBACK)
public class RecordFeedbackDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public RecordFeedbackDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Integer score = ProcessFacts.integer(execution, Variables.FEEDBACK_SCORE);
    if (score == null) {
      throw new IllegalStateException("Variable " + Variables.FEEDBACK_SCORE + " is missing");
    }
    lifecycle.recordFeedback(ProcessFacts.caseId(execution), score, ProcessFacts.actor(execution));
  }
}
