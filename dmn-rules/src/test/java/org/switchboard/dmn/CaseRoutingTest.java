package org.switchboard.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.dmn.DecisionTableHarness.inputs;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.switchboard.dmn.DecisionTableHarness.Evaluation;

class CaseRoutingTest {

  private static final DecisionTableHarness TABLE = new DecisionTableHarness("CaseRouting");

  static Stream<Case> cases() {
    return Stream.of(
        // sector, category, selfHarmRisk, riskLevel
        when("survivor-support", "domestic-abuse", false, "CRITICAL").then("crisis-team", "URGENT", "Rule_Critical"),
        when("customer-service", "billing", null, "CRITICAL").then("crisis-team", "URGENT", "Rule_Critical"),
        when("customer-service", "billing", true, "HIGH").then("crisis-team", "URGENT", "Rule_SelfHarmRisk"),
        when("generic", "general", true, "HIGH").then("crisis-team", "URGENT", "Rule_SelfHarmRisk"),
        when("healthcare", "self-harm", false, "HIGH").then("crisis-team", "URGENT", "Rule_SelfHarmCategory"),
        when("survivor-support", "self-harm", null, "HIGH").then("crisis-team", "URGENT", "Rule_SelfHarmCategory"),
        when("survivor-support", "sexual-violence", false, "HIGH")
            .then("survivor-support-team", "HIGH", "Rule_HighSurvivorSupport"),
        when("healthcare", "medical", false, "HIGH").then("clinical-team", "HIGH", "Rule_HighHealthcare"),
        when("customer-service", "general", false, "HIGH")
            .then("customer-care-team", "HIGH", "Rule_HighCustomerService"),
        when("generic", "general", false, "HIGH").then("general-team", "HIGH", "Rule_High"),
        when(null, null, null, "HIGH").then("general-team", "HIGH", "Rule_High"),
        when("survivor-support", "domestic-abuse", false, "MEDIUM")
            .then("survivor-support-team", "NORMAL", "Rule_SurvivorSupport"),
        when("survivor-support", null, null, null).then("survivor-support-team", "NORMAL", "Rule_SurvivorSupport"),
        when("healthcare", "medical", false, "MEDIUM").then("clinical-team", "NORMAL", "Rule_HealthcareMedical"),
        when("healthcare", "billing", false, "LOW")
            .then("customer-care-team", "NORMAL", "Rule_HealthcareAdministrative"),
        when("customer-service", "complaint", false, "LOW")
            .then("customer-care-team", "NORMAL", "Rule_CustomerServiceComplaint"),
        when("customer-service", "general", false, "LOW")
            .then("customer-care-team", "LOW", "Rule_CustomerServiceLow"),
        when("customer-service", "billing", false, "MEDIUM")
            .then("customer-care-team", "NORMAL", "Rule_CustomerService"),
        when("generic", "general", false, "LOW").then("general-team", "NORMAL", "Rule_Default"),
        when("generic", "medical", false, "MEDIUM").then("general-team", "NORMAL", "Rule_Default"),
        when(null, null, null, null).then("general-team", "NORMAL", "Rule_Default"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void routesACaseToATeamWithAPriority(Case c) {
    Evaluation evaluation = TABLE.evaluate(c.inputs());

    assertThat(evaluation.ruleId()).isEqualTo(c.ruleId());
    assertThat(evaluation.outputs()).containsExactlyInAnyOrderEntriesOf(
        Map.of("team", c.team(), "priority", c.priority()));
  }

  @Test
  void everyRuleIsHitByAtLeastOneCase() {
    assertThat(TABLE.ruleIdsHitBy(cases().map(Case::inputs).toList()))
        .containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void noVariablesAtAllFallsThroughToTheDefault() {
    assertThat(TABLE.evaluate(Map.of()).ruleId()).isEqualTo("Rule_Default");
  }

  private static Inputs when(String sector, String category, Boolean selfHarmRisk, String riskLevel) {
    return new Inputs(
        inputs("sector", sector, "category", category, "selfHarmRisk", selfHarmRisk, "riskLevel", riskLevel));
  }

  private record Inputs(Map<String, Object> values) {
    Case then(String team, String priority, String ruleId) {
      return new Case(values, team, priority, ruleId);
    }
  }

  record Case(Map<String, Object> inputs, String team, String priority, String ruleId) {
    @Override
    public String toString() {
      return inputs + " -> " + team + " " + priority + " by " + ruleId;
    }
  }
}
