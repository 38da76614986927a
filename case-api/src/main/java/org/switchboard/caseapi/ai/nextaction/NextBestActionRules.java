package org.switchboard.caseapi.ai.nextaction;

import java.util.List;

/** The NextBestAction decision table (dmn-rules), as the engine evaluates it. */
public interface NextBestActionRules {

  String DECISION_KEY = "NextBestAction";

  /** Every matching rule's recommendation, in rule order; facts may be null (an AI service was off). */
  List<Recommendation> evaluate(String tenantId, Facts facts);

  /**
   * @param intent offline intent name, null when intent classification is off or has no model for the sector
   * @param distressBand NONE/LOW/MEDIUM/HIGH, null when sentiment analysis is off
   */
  record Facts(String sector, String riskLevel, String intent, String distressBand, String channel) {
  }

  record Recommendation(String action, String cannedTag, int priority, String reason) {
  }
}
