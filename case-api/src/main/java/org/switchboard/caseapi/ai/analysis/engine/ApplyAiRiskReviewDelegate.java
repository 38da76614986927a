package org.switchboard.caseapi.ai.analysis.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.analysis.AiRiskReviewUseCases;
import org.switchboard.caseapi.cases.RiskLevel;
import org.switchboard.caseapi.cases.engine.ProcessFacts;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.AiVariables;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.Delegates;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.ReviewVariables;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.StartVariables;

/** Applies the supervisor's decision on an AI risk finding. */
@Component(Delegates.APPLY_AI_RISK_REVIEW)
public class ApplyAiRiskReviewDelegate implements JavaDelegate {

  private final AiRiskReviewUseCases useCases;

  public ApplyAiRiskReviewDelegate(AiRiskReviewUseCases useCases) {
    this.useCases = useCases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reviewed = (String) execution.getVariable(ReviewVariables.REVIEWED_RISK_LEVEL);
    useCases.applyReview(new AiRiskReviewUseCases.Review(
        (String) execution.getVariable(StartVariables.CASE_ID),
        (String) execution.getVariable(StartVariables.MESSAGE_ID),
        RiskLevel.valueOf((String) execution.getVariable(ReviewVariables.PROPOSED_RISK_LEVEL)),
        ((Number) execution.getVariable(ReviewVariables.PROPOSED_RISK_SCORE)).intValue(),
        (String) execution.getVariable(ReviewVariables.DECISION),
        reviewed == null ? null : RiskLevel.valueOf(reviewed),
        (String) execution.getVariable(ReviewVariables.REASON),
        (String) execution.getVariable(AiVariables.KEYWORDS_RESULT_ID)), ProcessFacts.actor(execution));
  }
}
