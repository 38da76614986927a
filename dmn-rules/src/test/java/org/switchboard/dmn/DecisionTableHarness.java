package org.switchboard.dmn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Evaluates one decision table of {@code decisions/} on a plain {@link DmnEngine} (FEEL by the Scala engine, as in
 * the process engine) and reports which rule matched, so that tests can prove every rule is reachable.
 */
final class DecisionTableHarness {

  private final DmnEngine engine;
  private final DmnDecision decision;
  private final Set<String> ruleIds;
  private DmnDecisionTableEvaluationEvent lastEvaluation;

  DecisionTableHarness(String decisionKey) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionEvaluationListeners(List.of(this::remember));
    engine = configuration.buildEngine();

    DmnModelInstance model = readModel(decisionKey);
    decision = engine.parseDecision(decisionKey, model);
    ruleIds = model.getModelElementsByType(Rule.class).stream()
        .map(Rule::getId)
        .collect(Collectors.toUnmodifiableSet());
  }

  Evaluation evaluate(Map<String, Object> variables) {
    lastEvaluation = null;
    DmnDecisionResult result = engine.evaluateDecision(decision, variables);
    List<DmnEvaluatedDecisionRule> matchingRules = lastEvaluation.getMatchingRules();
    DmnDecisionResultEntries outputs = result.getSingleResult();
    return new Evaluation(
        matchingRules.isEmpty() ? null : matchingRules.get(0).getId(),
        outputs == null ? Map.of() : new HashMap<>(outputs.getEntryMap()));
  }

  /** For COLLECT and RULE ORDER tables: every matching rule with its outputs, in rule order. */
  List<Evaluation> evaluateAll(Map<String, Object> variables) {
    lastEvaluation = null;
    DmnDecisionResult result = engine.evaluateDecision(decision, variables);
    List<DmnEvaluatedDecisionRule> matchingRules = lastEvaluation.getMatchingRules();
    List<Evaluation> all = new java.util.ArrayList<>();
    for (int i = 0; i < matchingRules.size(); i++) {
      all.add(new Evaluation(matchingRules.get(i).getId(), new HashMap<>(result.get(i).getEntryMap())));
    }
    return all;
  }

  /** Rule ids that the given inputs hit, all matching rules per row (COLLECT, RULE ORDER). */
  Set<String> allRuleIdsHitBy(Collection<Map<String, Object>> rows) {
    return rows.stream().flatMap(row -> evaluateAll(row).stream()).map(Evaluation::ruleId)
        .collect(Collectors.toSet());
  }

  Set<String> ruleIds() {
    return ruleIds;
  }

  /** Rule ids that the given inputs hit, one per row; FIRST returns at most one per row. */
  Set<String> ruleIdsHitBy(Collection<Map<String, Object>> rows) {
    return rows.stream().map(this::evaluate).map(Evaluation::ruleId).collect(Collectors.toSet());
  }

  private void remember(DmnDecisionEvaluationEvent event) {
    lastEvaluation = (DmnDecisionTableEvaluationEvent) event.getDecisionResult();
  }

  private static DmnModelInstance readModel(String decisionKey) {
    String resource = "decisions/" + decisionKey + ".dmn";
    try (InputStream in = DecisionTableHarness.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Not on the classpath: " + resource);
      }
      return Dmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Evaluation(String ruleId, Map<String, Object> outputs) {
  }

  /** A map that, unlike {@link Map#of}, holds nulls: inputs may legitimately be null. */
  static Map<String, Object> inputs(Object... namesAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }
}
