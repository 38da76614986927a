package org.switchboard.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.dmn.DecisionTableHarness.inputs;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.switchboard.dmn.DecisionTableHarness.Evaluation;

class NextBestActionTest {

  private static final DecisionTableHarness TABLE = new DecisionTableHarness("NextBestAction");

  static Stream<Case> cases() {
    return Stream.of(
        // sector, riskLevel, intent, distressBand, channel -> the matching rules, in rule order
        when("generic", "CRITICAL", null, null, null).then("Rule_CriticalRisk", "Rule_Acknowledge"),
        when("survivor-support", "HIGH", "report_abuse", "HIGH", "WEBCHAT").then("Rule_SurvivorHighDistress",
            "Rule_SurvivorSafetyPlanRisk", "Rule_SurvivorSafetyPlanDistress", "Rule_SurvivorSafeToTalk",
            "Rule_SurvivorEmotionalSupport", "Rule_Acknowledge"),
        when("survivor-support", "LOW", "safety_planning", "NONE", null).then("Rule_SurvivorSafetyPlanIntent",
            "Rule_Acknowledge"),
        when("survivor-support", "LOW", "shelter_housing", null, "SMS").then("Rule_SurvivorSafeToTalk",
            "Rule_SurvivorReferral", "Rule_Acknowledge"),
        when("survivor-support", "CRITICAL", null, null, null).then("Rule_CriticalRisk",
            "Rule_SurvivorSafetyPlanRisk", "Rule_Acknowledge"),
        when("healthcare", "HIGH", "symptoms", "MEDIUM", "EMAIL").then("Rule_HealthcareHighRisk",
            "Rule_HealthcareSymptoms", "Rule_Acknowledge"),
        when("healthcare", "LOW", "book_appointment", "NONE", "SMS").then("Rule_HealthcareRoutine",
            "Rule_Acknowledge"),
        when("customer-service", "LOW", "refund", "LOW", "EMAIL").then("Rule_CustomerServiceRoutine",
            "Rule_Acknowledge"),
        when("customer-service", "MEDIUM", "complaint", "HIGH", "WHATSAPP").then("Rule_CustomerServiceComplaint",
            "Rule_CustomerServiceHighDistress", "Rule_Acknowledge"),
        // AI switched off: intent and distress are missing, the table still answers from what is known
        when("customer-service", "LOW", null, null, "EMAIL").then("Rule_Acknowledge"),
        when(null, null, null, null, null).then("Rule_Acknowledge"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void recommendsEveryMatchingActionInRuleOrder(Case c) {
    assertThat(TABLE.evaluateAll(c.inputs()).stream().map(Evaluation::ruleId).toList())
        .containsExactlyElementsOf(c.ruleIds());
  }

  @Test
  void everyRuleIsHitByAtLeastOneCase() {
    assertThat(TABLE.allRuleIdsHitBy(cases().map(Case::inputs).toList()))
        .containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void routineQuestionsSuggestTheCannedResponsesTaggedWithTheIntent() {
    List<Evaluation> all = TABLE.evaluateAll(inputs("sector", "customer-service", "intent", "refund"));

    assertThat(all.get(0).outputs()).containsAllEntriesOf(
        Map.of("action", "SEND_CANNED_RESPONSE", "cannedTag", "refund", "priority", 2));
  }

  @Test
  void survivorInHighDistressIsEscalatedAndGetsASafetyPlanFirst() {
    List<Map<String, Object>> outputs = TABLE.evaluateAll(inputs("sector", "survivor-support", "riskLevel", "MEDIUM",
        "distressBand", "HIGH")).stream().map(Evaluation::outputs).toList();

    assertThat(outputs).extracting(o -> o.get("action"))
        .containsExactly("ESCALATE_TO_SUPERVISOR", "SAFETY_PLAN", "SEND_CANNED_RESPONSE");
    assertThat(outputs).allSatisfy(o -> assertThat(o).containsKeys("cannedTag", "priority", "reason"));
    assertThat(outputs.get(0).get("priority")).isEqualTo(1);
  }

  private static Inputs when(String sector, String riskLevel, String intent, String distressBand, String channel) {
    return new Inputs(inputs("sector", sector, "riskLevel", riskLevel, "intent", intent, "distressBand",
        distressBand, "channel", channel));
  }

  private record Inputs(Map<String, Object> values) {
    Case then(String... ruleIds) {
      return new Case(values, List.of(ruleIds));
    }
  }

  record Case(Map<String, Object> inputs, List<String> ruleIds) {
    @Override
    public String toString() {
      return inputs + " -> " + ruleIds;
    }
  }
}
