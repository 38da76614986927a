package org.switchboard.caseapi.ai.nextaction.engine;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.dmn.DecisionsEvaluationBuilder;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.nextaction.NextBestActionRules;

/**
 * Evaluates the deployed table. A tenant that deployed its own NextBestAction (sector bundle, workflow upload)
 * gets its own; everyone else the shared platform table.
 */
@Component
public class CamundaNextBestActionRules implements NextBestActionRules {

  private final DecisionService decisions;
  private final RepositoryService repository;

  public CamundaNextBestActionRules(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
  }

  @Override
  public List<Recommendation> evaluate(String tenantId, Facts facts) {
    VariableMap variables = Variables.createVariables()
        .putValue("sector", facts.sector())
        .putValue("riskLevel", facts.riskLevel())
        .putValue("intent", facts.intent())
        .putValue("distressBand", facts.distressBand())
        .putValue("channel", facts.channel());
    DecisionsEvaluationBuilder builder = decisions.evaluateDecisionByKey(DECISION_KEY).variables(variables);
    boolean own = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .tenantIdIn(tenantId).count() > 0;
    DmnDecisionResult result = own ? builder.decisionDefinitionTenantId(tenantId).evaluate()
        : builder.decisionDefinitionWithoutTenantId().evaluate();
    return result.getResultList().stream().map(CamundaNextBestActionRules::recommendation).toList();
  }

  private static Recommendation recommendation(Map<String, Object> row) {
    Object priority = row.get("priority");
    return new Recommendation((String) row.get("action"), (String) row.get("cannedTag"),
        priority instanceof Number n ? n.intValue() : Integer.MAX_VALUE, (String) row.get("reason"));
  }
}
