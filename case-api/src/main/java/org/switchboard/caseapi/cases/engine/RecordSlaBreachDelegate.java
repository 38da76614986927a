package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases.BreachedSla;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Records a breached SLA ({@code breachedSla}), escalates the case and raises its priority. */
@Component(Delegates.RECORD_SLA_BREACH)
public class RecordSlaBreachDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public RecordSlaBreachDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    BreachedSla sla = ProcessFacts.enumValue(execution, Variables.BREACHED_SLA, BreachedSla.class);
    if (sla == null) {
      throw new IllegalStateException("Variable " + Variables.BREACHED_SLA + " is missing on the breach path");
    }
    Priority raised = lifecycle.recordSlaBreach(ProcessFacts.caseId(execution), sla, ProcessFacts.actor(execution));
    // The process's own copy must follow, so a re-triage or later breach starts from the raised value.
    execution.setVariable(Variables.PRIORITY, raised.name());
  }
}
