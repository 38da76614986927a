package org.switchboard.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.dmn.DecisionTableHarness.inputs;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.switchboard.dmn.DecisionTableHarness.Evaluation;

class CaseRiskAssessmentTest {

  private static final DecisionTableHarness TABLE = new DecisionTableHarness("CaseRiskAssessment");

  static Stream<Case> cases() {
    return Stream.of(
        // sector, category, immediateDanger, selfHarmRisk, childAtRisk
        when("generic", "general", true, true, false).then("CRITICAL", 100, "Rule_ImmediateDangerWithSelfHarm"),
        when("healthcare", "self-harm", true, true, true).then("CRITICAL", 100, "Rule_ImmediateDangerWithSelfHarm"),
        when("survivor-support", "domestic-abuse", true, false, true)
            .then("CRITICAL", 100, "Rule_ImmediateDangerWithChildAtRisk"),
        when("customer-service", "billing", true, null, true)
            .then("CRITICAL", 100, "Rule_ImmediateDangerWithChildAtRisk"),
        when("survivor-support", "domestic-abuse", true, false, false).then("CRITICAL", 90, "Rule_ImmediateDanger"),
        when("customer-service", "complaint", true, null, null).then("CRITICAL", 90, "Rule_ImmediateDanger"),
        when("generic", "general", false, true, false).then("HIGH", 80, "Rule_SelfHarmRisk"),
        when("customer-service", "billing", null, true, true).then("HIGH", 80, "Rule_SelfHarmRisk"),
        when("healthcare", "self-harm", false, false, false).then("HIGH", 75, "Rule_SelfHarmCategory"),
        when("survivor-support", "self-harm", null, null, null).then("HIGH", 75, "Rule_SelfHarmCategory"),
        when("healthcare", "medical", false, false, true).then("HIGH", 75, "Rule_ChildAtRisk"),
        when("customer-service", "general", null, null, true).then("HIGH", 75, "Rule_ChildAtRisk"),
        when("survivor-support", "domestic-abuse", false, false, false)
            .then("MEDIUM", 60, "Rule_SurvivorDisclosedAbuse"),
        when("survivor-support", "sexual-violence", null, null, null).then("MEDIUM", 60, "Rule_SurvivorDisclosedAbuse"),
        when("survivor-support", "general", false, false, false).then("MEDIUM", 50, "Rule_SurvivorSupport"),
        when("survivor-support", null, null, null, null).then("MEDIUM", 50, "Rule_SurvivorSupport"),
        when("healthcare", "medical", false, false, false).then("MEDIUM", 50, "Rule_HealthcareMedical"),
        when("customer-service", "complaint", false, false, false).then("LOW", 30, "Rule_CustomerServiceComplaint"),
        when("customer-service", "general", false, false, false).then("LOW", 10, "Rule_Default"),
        when("healthcare", "billing", false, false, false).then("LOW", 10, "Rule_Default"),
        when("generic", "medical", false, false, false).then("LOW", 10, "Rule_Default"),
        when("unknown-sector", "unknown-category", false, false, false).then("LOW", 10, "Rule_Default"),
        when(null, null, null, null, null).then("LOW", 10, "Rule_Default"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scoresTheRiskOfACase(Case c) {
    Evaluation evaluation = TABLE.evaluate(c.inputs());

    assertThat(evaluation.ruleId()).isEqualTo(c.ruleId());
    assertThat(evaluation.outputs()).containsExactlyInAnyOrderEntriesOf(
        Map.of("riskLevel", c.riskLevel(), "riskScore", c.riskScore()));
  }

  @Test
  void everyRuleIsHitByAtLeastOneCase() {
    assertThat(TABLE.ruleIdsHitBy(cases().map(Case::inputs).toList()))
        .containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void missingVariablesCountAsNotSet() {
    Evaluation evaluation = TABLE.evaluate(Map.of("sector", "healthcare", "category", "medical"));

    assertThat(evaluation.ruleId()).isEqualTo("Rule_HealthcareMedical");
  }

  @Test
  void noVariablesAtAllFallsThroughToTheDefault() {
    assertThat(TABLE.evaluate(Map.of()).ruleId()).isEqualTo("Rule_Default");
  }

  private static Inputs when(String sector, String category, Boolean immediateDanger, Boolean selfHarmRisk,
      Boolean childAtRisk) {
    return new Inputs(inputs("sector", sector, "category", category, "immediateDanger", immediateDanger,
        "selfHarmRisk", selfHarmRisk, "childAtRisk", childAtRisk));
  }

  private record Inputs(Map<String, Object> values) {
    Case then(String riskLevel, int riskScore, String ruleId) {
      return new Case(values, riskLevel, riskScore, ruleId);
    }
  }

  record Case(Map<String, Object> inputs, String riskLevel, int riskScore, String ruleId) {
    @Override
    public String toString() {
      return inputs + " -> " + riskLevel + " " + riskScore + " by " + ruleId;
    }
  }
}
