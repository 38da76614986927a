package org.switchboard.process.messageanalysis;

/**
 * The one place that names what {@code processes/InboundMessageAnalysis.bpmn} exposes. One instance per inbound
 * message (business key = message id), started once the message belongs to a case.
 *
 * <p>Variables are ids, codes and booleans. The message text, matched phrases and scores stay in Switchboard's
 * tables (AI results, encrypted); the process only learns which facts a finding established.
 */
public final class InboundMessageAnalysis {

  public static final String PROCESS_KEY = "InboundMessageAnalysis";

  private InboundMessageAnalysis() {
  }

  /** Set when the instance is started. */
  public static final class StartVariables {
    public static final String MESSAGE_ID = "messageId";
    public static final String CASE_ID = "caseId";
    /** Sector of the case type; input of the risk and SLA tables. */
    public static final String SECTOR = "sector";
    /** The case's intake category (or {@code general}); input of the risk table. */
    public static final String CATEGORY = "category";
    /** The case's priority; input of the SLA table. */
    public static final String PRIORITY = "priority";
    /** The case's risk level and score when the message arrived. */
    public static final String CURRENT_RISK_LEVEL = "currentRiskLevel";
    public static final String CURRENT_RISK_SCORE = "currentRiskScore";

    private StartVariables() {
    }
  }

  /** Set by the workers of the AI topics. */
  public static final class AiVariables {
    /** False when keyword detection is switched off for the tenant or every provider failed. */
    public static final String KEYWORDS_AVAILABLE = "aiKeywordsAvailable";
    /** {@code NONE}, {@code LOW}, {@code MEDIUM}, {@code HIGH}, {@code CRITICAL} (non-negated matches only). */
    public static final String MAX_SEVERITY = "aiMaxSeverity";
    /** Comma-separated lexicon categories of non-negated matches (codes such as {@code weapon}), or empty. */
    public static final String FINDING_CATEGORIES = "aiFindingCategories";
    /** Facts for the risk table, established by the finding. */
    public static final String IMMEDIATE_DANGER = "immediateDanger";
    public static final String SELF_HARM_RISK = "selfHarmRisk";
    public static final String CHILD_AT_RISK = "childAtRisk";
    /** Id of the stored keyword result (provider, version, matches), for the review task and the audit. */
    public static final String KEYWORDS_RESULT_ID = "aiKeywordsResultId";
    public static final String SENTIMENT_AVAILABLE = "aiSentimentAvailable";
    /** {@code NONE}, {@code LOW}, {@code MEDIUM}, {@code HIGH}. */
    public static final String DISTRESS_BAND = "distressBand";
    public static final String SENTIMENT_RESULT_ID = "aiSentimentResultId";

    private AiVariables() {
    }
  }

  /** Set by the decision tables and the review task. */
  public static final class ReviewVariables {
    public static final String PROPOSED_RISK_LEVEL = "proposedRiskLevel";
    public static final String PROPOSED_RISK_SCORE = "proposedRiskScore";
    /** ISO-8601 duration: the first-response target at the proposed risk, the review task's due date. */
    public static final String REVIEW_DEADLINE = "reviewDeadline";
    /** Review form: {@code APPROVE}, {@code MODIFY} or {@code REJECT}. */
    public static final String DECISION = "aiReviewDecision";
    /** Review form, when modifying: the risk level the supervisor sets instead. */
    public static final String REVIEWED_RISK_LEVEL = "reviewedRiskLevel";
    /** Review form: a reason code, never free text. */
    public static final String REASON = "aiReviewReason";

    private ReviewVariables() {
    }
  }

  public static final class Elements {
    public static final String START_EVENT_MESSAGE_RECEIVED = "StartEvent_MessageReceived";
    public static final String SERVICE_TASK_DETECT_RISK_KEYWORDS = "ServiceTask_DetectRiskKeywords";
    public static final String SERVICE_TASK_ANALYZE_SENTIMENT = "ServiceTask_AnalyzeSentiment";
    public static final String BUSINESS_RULE_TASK_PROPOSE_RISK = "BusinessRuleTask_ProposeRisk";
    public static final String BUSINESS_RULE_TASK_DETERMINE_REVIEW_DEADLINE = "BusinessRuleTask_DetermineReviewDeadline";
    public static final String TASK_REVIEW_AI_RISK_FINDING = "Task_ReviewAiRiskFinding";
    public static final String SERVICE_TASK_APPLY_AI_RISK_REVIEW = "ServiceTask_ApplyAiRiskReview";
    public static final String END_EVENT_FINDING_REVIEWED = "EndEvent_FindingReviewed";
    public static final String SERVICE_TASK_RECORD_ANALYSIS = "ServiceTask_RecordAnalysis";
    public static final String END_EVENT_ANALYSIS_RECORDED = "EndEvent_AnalysisRecorded";

    private Elements() {
    }
  }

  /** External-task topics the process publishes (the same names as {@code org.switchboard.workers.Topics}). */
  public static final class Topics {
    public static final String DETECT_RISK_KEYWORDS = "DetectRiskKeywords";
    public static final String ANALYZE_SENTIMENT = "AnalyzeSentiment";

    private Topics() {
    }
  }

  /** Delegate bean names (camunda:delegateExpression). */
  public static final class Delegates {
    public static final String APPLY_AI_RISK_REVIEW = "applyAiRiskReviewDelegate";
    public static final String RECORD_MESSAGE_ANALYSIS = "recordMessageAnalysisDelegate";

    private Delegates() {
    }
  }

  public static final class Forms {
    public static final String AI_RISK_REVIEW = "AiRiskReview";

    private Forms() {
    }
  }

  /** Review decisions. */
  public static final class Decisions {
    public static final String APPROVE = "APPROVE";
    public static final String MODIFY = "MODIFY";
    public static final String REJECT = "REJECT";

    private Decisions() {
    }
  }
}
