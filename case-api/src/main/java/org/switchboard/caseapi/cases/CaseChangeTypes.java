package org.switchboard.caseapi.cases;

/** Values of {@code case_change.change_type}; the history API shows them, so add, never rename. */
public final class CaseChangeTypes {

  public static final String CREATED = "CREATED";
  public static final String TRIAGED = "TRIAGED";
  public static final String UPDATED = "UPDATED";
  public static final String ASSIGNED = "ASSIGNED";
  public static final String ESCALATED = "ESCALATED";
  public static final String SLA_BREACHED = "SLA_BREACHED";
  public static final String INTERACTION_RECORDED = "INTERACTION_RECORDED";
  public static final String CLOSED = "CLOSED";
  public static final String REOPENED = "REOPENED";
  public static final String FEEDBACK_RECEIVED = "FEEDBACK_RECEIVED";
  public static final String DELETED = "DELETED";
  /** An inbound message was analysed by AI and nothing on the case changed; detail = the message id. */
  public static final String AI_ANALYSIS_RECORDED = "AI_ANALYSIS_RECORDED";
  /** A supervisor decided on an AI risk finding (approve, modify, reject); detail = the decision. */
  public static final String AI_RISK_REVIEWED = "AI_RISK_REVIEWED";
  /** The bot handed the conversation to a person; detail = the reason code and {@code summary:<AI result id>}. */
  public static final String BOT_HANDOFF = "BOT_HANDOFF";

  private CaseChangeTypes() {
  }
}
