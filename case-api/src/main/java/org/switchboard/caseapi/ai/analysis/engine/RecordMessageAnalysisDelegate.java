package org.switchboard.caseapi.ai.analysis.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.analysis.AiRiskReviewUseCases;
import org.switchboard.caseapi.cases.engine.ProcessFacts;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.AiVariables;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.Delegates;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.StartVariables;

/** Notes on the case that a message was analysed without a finding to review, or could not be analysed. */
@Component(Delegates.RECORD_MESSAGE_ANALYSIS)
public class RecordMessageAnalysisDelegate implements JavaDelegate {

  private final AiRiskReviewUseCases useCases;

  public RecordMessageAnalysisDelegate(AiRiskReviewUseCases useCases) {
    this.useCases = useCases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object available = execution.getVariable(AiVariables.KEYWORDS_AVAILABLE);
    Object severity = execution.getVariable(AiVariables.MAX_SEVERITY);
    useCases.recordAnalysis((String) execution.getVariable(StartVariables.CASE_ID),
        (String) execution.getVariable(StartVariables.MESSAGE_ID), Boolean.TRUE.equals(available),
        severity == null ? "NONE" : severity.toString(), ProcessFacts.actor(execution));
  }
}
