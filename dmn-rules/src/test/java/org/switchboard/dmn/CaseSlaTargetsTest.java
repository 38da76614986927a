package org.switchboard.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.dmn.DecisionTableHarness.inputs;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.switchboard.dmn.DecisionTableHarness.Evaluation;

class CaseSlaTargetsTest {

  private static final DecisionTableHarness TABLE = new DecisionTableHarness("CaseSlaTargets");

  static Stream<Case> cases() {
    return Stream.of(
        // sector, priority, riskLevel
        when("survivor-support", "URGENT", "CRITICAL").then("PT5M", "PT4H", "Rule_Critical"),
        when(null, null, "CRITICAL").then("PT5M", "PT4H", "Rule_Critical"),
        when("healthcare", "URGENT", "HIGH").then("PT15M", "PT8H", "Rule_Urgent"),
        when("generic", "URGENT", null).then("PT15M", "PT8H", "Rule_Urgent"),
        when("survivor-support", "HIGH", "HIGH").then("PT30M", "P1D", "Rule_HighCareSectors"),
        when("healthcare", "HIGH", "HIGH").then("PT30M", "P1D", "Rule_HighCareSectors"),
        when("customer-service", "HIGH", "HIGH").then("PT1H", "P2D", "Rule_High"),
        when("generic", "HIGH", "HIGH").then("PT1H", "P2D", "Rule_High"),
        when("survivor-support", "NORMAL", "MEDIUM").then("PT4H", "P3D", "Rule_NormalCareSectors"),
        when("healthcare", "NORMAL", "LOW").then("PT4H", "P3D", "Rule_NormalCareSectors"),
        when("customer-service", "LOW", "LOW").then("P1D", "P10D", "Rule_Low"),
        when(null, "LOW", null).then("P1D", "P10D", "Rule_Low"),
        when("customer-service", "NORMAL", "LOW").then("PT8H", "P5D", "Rule_Default"),
        when("generic", "NORMAL", "MEDIUM").then("PT8H", "P5D", "Rule_Default"),
        when(null, null, null).then("PT8H", "P5D", "Rule_Default"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void setsTheSlaTargetsOfACase(Case c) {
    Evaluation evaluation = TABLE.evaluate(c.inputs());

    assertThat(evaluation.ruleId()).isEqualTo(c.ruleId());
    assertThat(evaluation.outputs()).containsExactlyInAnyOrderEntriesOf(
        Map.of("firstResponseSla", c.firstResponseSla(), "resolutionSla", c.resolutionSla()));
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

  /** The targets become timer durations: anything java.time cannot parse would fail the timer at runtime. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void targetsAreIsoDurationsAndResolutionIsLaterThanFirstResponse(Case c) {
    assertThat(toDuration(c.firstResponseSla())).isLessThan(toDuration(c.resolutionSla()));
  }

  private static Duration toDuration(String iso) {
    return iso.startsWith("PT") ? Duration.parse(iso) : Duration.ofDays(Period.parse(iso).getDays());
  }

  private static Inputs when(String sector, String priority, String riskLevel) {
    return new Inputs(inputs("sector", sector, "priority", priority, "riskLevel", riskLevel));
  }

  private record Inputs(Map<String, Object> values) {
    Case then(String firstResponseSla, String resolutionSla, String ruleId) {
      return new Case(values, firstResponseSla, resolutionSla, ruleId);
    }
  }

  record Case(Map<String, Object> inputs, String firstResponseSla, String resolutionSla, String ruleId) {
    @Override
    public String toString() {
      return inputs + " -> " + firstResponseSla + "/" + resolutionSla + " by " + ruleId;
    }
  }
}
