package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.cases.RiskLevel;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases.Triage;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Copies the decision tables' results (risk, team, priority, SLA targets) onto the case. */
@Component(Delegates.APPLY_TRIAGE)
public class ApplyTriageDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public ApplyTriageDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.applyTriage(new Triage(
        ProcessFacts.caseId(execution),
        ProcessFacts.enumValue(execution, Variables.RISK_LEVEL, RiskLevel.class),
        ProcessFacts.integer(execution, Variables.RISK_SCORE),
        ProcessFacts.string(execution, Variables.TEAM),
        ProcessFacts.enumValue(execution, Variables.PRIORITY, Priority.class),
        ProcessFacts.string(execution, Variables.FIRST_RESPONSE_SLA),
        ProcessFacts.string(execution, Variables.RESOLUTION_SLA)),
        ProcessFacts.actor(execution));
  }
}
