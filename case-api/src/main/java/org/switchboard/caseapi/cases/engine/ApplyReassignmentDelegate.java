package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.lifecycle.CaseLifecycleUseCases;
import org.switchboard.process.caselifecycle.CaseLifecycle.Delegates;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/**
 * Moves the case and its open tasks to {@code reassignToTeam} and/or {@code reassignToUser} (from the
 * reassignment message or a supervisor's review form).
 */
@Component(Delegates.APPLY_REASSIGNMENT)
public class ApplyReassignmentDelegate implements JavaDelegate {

  private final CaseLifecycleUseCases lifecycle;

  public ApplyReassignmentDelegate(CaseLifecycleUseCases lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String team = ProcessFacts.string(execution, Variables.REASSIGN_TO_TEAM);
    String user = ProcessFacts.string(execution, Variables.REASSIGN_TO_USER);
    lifecycle.applyReassignment(ProcessFacts.caseId(execution), team, user, ProcessFacts.actor(execution));
    if (team != null) {
      // Tasks created from now on (candidateGroups="${team}") must go to the new team too.
      execution.setVariable(Variables.TEAM, team);
    }
    // Consumed: a later reassignment that names only a user must not re-apply this team.
    execution.removeVariable(Variables.REASSIGN_TO_TEAM);
    execution.removeVariable(Variables.REASSIGN_TO_USER);
  }
}
