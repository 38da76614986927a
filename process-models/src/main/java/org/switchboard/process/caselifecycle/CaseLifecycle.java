package org.switchboard.process.caselifecycle;

/**
 * The one place that names what {@code processes/CaseLifecycle.bpmn} exposes: its key, the messages it
 * waits for, the variables it reads and writes, its user tasks and the delegate beans it calls.
 *
 * <p>Variables are ids and routing facts only. Names, contact details and free text stay in
 * Switchboard's own tables: anything put here is copied into Camunda's history and would escape
 * encryption, retention and erasure.
 */
public final class CaseLifecycle {

  public static final String PROCESS_KEY = "CaseLifecycle";

  private CaseLifecycle() {
  }

  /** Message names correlated onto a running case (business key = case id). */
  public static final class Messages {
    public static final String INTERACTION_RECEIVED = "Message_InteractionReceived";
    public static final String REASSIGNMENT_REQUESTED = "Message_ReassignmentRequested";
    public static final String ESCALATION_REQUESTED = "Message_EscalationRequested";
    public static final String CLOSE_REQUESTED = "Message_CloseRequested";
    public static final String REOPEN_REQUESTED = "Message_ReopenRequested";
    public static final String FEEDBACK_RECEIVED = "Message_FeedbackReceived";

    private Messages() {
    }
  }

  /** Process variable names. Every value is a String, Boolean or Integer. */
  public static final class Variables {
    /** Case id, also the business key. */
    public static final String CASE_ID = "caseId";
    /** Sector of the case type: {@code survivor-support}, {@code healthcare}, {@code customer-service}, {@code generic}. */
    public static final String SECTOR = "sector";
    /** Case type key. */
    public static final String CASE_TYPE = "caseType";
    /** Channel the case came in on: {@code api}, {@code phone}, {@code sms}, {@code whatsapp}, {@code email}, {@code webchat}. */
    public static final String CHANNEL = "channel";
    /**
     * True when the intake facts below were given at creation, so the intake task is skipped. Must be set when the
     * case is started: the first gateway reads it.
     */
    public static final String INTAKE_COMPLETE = "intakeComplete";

    // Intake facts (form CaseIntake) feeding the risk table.
    public static final String CATEGORY = "category";
    public static final String IMMEDIATE_DANGER = "immediateDanger";
    public static final String SELF_HARM_RISK = "selfHarmRisk";
    public static final String CHILD_AT_RISK = "childAtRisk";

    // Decision outputs.
    /** {@code LOW}, {@code MEDIUM}, {@code HIGH}, {@code CRITICAL}. */
    public static final String RISK_LEVEL = "riskLevel";
    /** 0..100. */
    public static final String RISK_SCORE = "riskScore";
    /** Camunda group id of the team that handles the case; candidate group of its tasks. */
    public static final String TEAM = "team";
    /** {@code LOW}, {@code NORMAL}, {@code HIGH}, {@code URGENT}. */
    public static final String PRIORITY = "priority";
    /** ISO-8601 duration until the first response is due, e.g. {@code PT15M}. */
    public static final String FIRST_RESPONSE_SLA = "firstResponseSla";
    /** ISO-8601 duration until resolution is due, e.g. {@code P3D}. */
    public static final String RESOLUTION_SLA = "resolutionSla";

    // Set by user tasks and messages.
    /** Assessment form: true when the case needs handling beyond the first contact. */
    public static final String FOLLOW_UP_NEEDED = "followUpNeeded";
    /** Resolution form: {@code RESOLVED}, {@code REFERRED}, {@code NO_FURTHER_ACTION}, {@code UNREACHABLE}. */
    public static final String OUTCOME = "outcome";
    /** Why the case was closed: {@code RESOLVED}, {@code CLOSED_BY_AGENT}, {@code MERGED}, {@code DUPLICATE}. */
    public static final String CLOSURE_REASON = "closureReason";
    /** Reassignment and escalation review: the new team (group id), optional. */
    public static final String REASSIGN_TO_TEAM = "reassignToTeam";
    /** Reassignment: the new assignee (user id), optional. */
    public static final String REASSIGN_TO_USER = "reassignToUser";
    /** Escalation review form: {@code ACKNOWLEDGE} or {@code REASSIGN}. */
    public static final String ESCALATION_ACTION = "escalationAction";
    /** Which SLA was breached: {@code FIRST_RESPONSE} or {@code RESOLUTION} (local to the breach path). */
    public static final String BREACHED_SLA = "breachedSla";
    /** Id of the interaction (message, call, note) that arrived; never its content. */
    public static final String INTERACTION_ID = "interactionId";
    /** Feedback score 1..5 (CSAT). */
    public static final String FEEDBACK_SCORE = "feedbackScore";

    private Variables() {
    }
  }

  /** Element ids tests and adapters refer to. */
  public static final class Elements {
    // Intake and triage
    public static final String START_EVENT_CASE_OPENED = "StartEvent_CaseOpened";
    public static final String TASK_COMPLETE_INTAKE = "Task_CompleteIntake";
    public static final String BUSINESS_RULE_TASK_ASSESS_RISK = "BusinessRuleTask_AssessRisk";
    public static final String BUSINESS_RULE_TASK_ROUTE_CASE = "BusinessRuleTask_RouteCase";
    public static final String BUSINESS_RULE_TASK_DETERMINE_SLA = "BusinessRuleTask_DetermineSla";
    public static final String SERVICE_TASK_APPLY_TRIAGE = "ServiceTask_ApplyTriage";

    // Handling
    public static final String SUBPROCESS_HANDLING = "SubProcess_Handling";
    public static final String TASK_ASSESS_CASE = "Task_AssessCase";
    public static final String TASK_HANDLE_CASE = "Task_HandleCase";
    public static final String TASK_RESOLVE_CASE = "Task_ResolveCase";
    public static final String END_EVENT_HANDLING_COMPLETED = "EndEvent_HandlingCompleted";

    // First-response SLA breach (non-interrupting timer on Task_AssessCase)
    public static final String BOUNDARY_EVENT_FIRST_RESPONSE_SLA_BREACHED = "BoundaryEvent_FirstResponseSlaBreached";
    public static final String SERVICE_TASK_RECORD_FIRST_RESPONSE_SLA_BREACH =
        "ServiceTask_RecordFirstResponseSlaBreach";
    public static final String TASK_REVIEW_FIRST_RESPONSE_BREACH = "Task_ReviewFirstResponseBreach";
    public static final String SERVICE_TASK_APPLY_REASSIGNMENT_AFTER_FIRST_RESPONSE_BREACH =
        "ServiceTask_ApplyReassignmentAfterFirstResponseBreach";
    public static final String END_EVENT_FIRST_RESPONSE_BREACH_REASSIGNED = "EndEvent_FirstResponseBreachReassigned";
    public static final String END_EVENT_FIRST_RESPONSE_BREACH_ACKNOWLEDGED =
        "EndEvent_FirstResponseBreachAcknowledged";

    // Event subprocesses of the handling subprocess
    public static final String SERVICE_TASK_RECORD_INTERACTION = "ServiceTask_RecordInteraction";
    public static final String END_EVENT_INTERACTION_RECORDED = "EndEvent_InteractionRecorded";
    public static final String SERVICE_TASK_APPLY_REASSIGNMENT = "ServiceTask_ApplyReassignment";
    public static final String END_EVENT_REASSIGNMENT_APPLIED = "EndEvent_ReassignmentApplied";
    public static final String SERVICE_TASK_RECORD_ESCALATION = "ServiceTask_RecordEscalation";
    public static final String TASK_REVIEW_ESCALATION = "Task_ReviewEscalation";
    public static final String SERVICE_TASK_APPLY_REASSIGNMENT_AFTER_REVIEW =
        "ServiceTask_ApplyReassignmentAfterReview";
    public static final String END_EVENT_ESCALATION_REASSIGNED = "EndEvent_EscalationReassigned";
    public static final String END_EVENT_ESCALATION_ACKNOWLEDGED = "EndEvent_EscalationAcknowledged";
    public static final String START_EVENT_RESOLUTION_SLA_BREACHED = "StartEvent_ResolutionSlaBreached";
    public static final String SERVICE_TASK_RECORD_RESOLUTION_SLA_BREACH = "ServiceTask_RecordResolutionSlaBreach";
    public static final String TASK_REVIEW_RESOLUTION_BREACH = "Task_ReviewResolutionBreach";
    public static final String SERVICE_TASK_APPLY_REASSIGNMENT_AFTER_RESOLUTION_BREACH =
        "ServiceTask_ApplyReassignmentAfterResolutionBreach";
    public static final String END_EVENT_RESOLUTION_BREACH_REASSIGNED = "EndEvent_ResolutionBreachReassigned";
    public static final String END_EVENT_RESOLUTION_BREACH_ACKNOWLEDGED = "EndEvent_ResolutionBreachAcknowledged";

    // Closure, feedback and reopening
    public static final String BOUNDARY_EVENT_CLOSE_REQUESTED = "BoundaryEvent_CloseRequested";
    public static final String SERVICE_TASK_CLOSE_CASE = "ServiceTask_CloseCase";
    public static final String EVENT_GATEWAY_AFTER_CLOSURE = "Gateway_AfterClosure";
    public static final String MESSAGE_EVENT_FEEDBACK_RECEIVED = "MessageEvent_FeedbackReceived";
    public static final String SERVICE_TASK_RECORD_FEEDBACK = "ServiceTask_RecordFeedback";
    public static final String END_EVENT_CASE_CLOSED = "EndEvent_CaseClosed";
    public static final String MESSAGE_EVENT_REOPEN_REQUESTED = "MessageEvent_ReopenRequested";
    public static final String SERVICE_TASK_REOPEN_CASE = "ServiceTask_ReopenCase";
    public static final String TIMER_EVENT_REOPEN_WINDOW_ELAPSED = "TimerEvent_ReopenWindowElapsed";
    public static final String END_EVENT_REOPEN_WINDOW_ELAPSED = "EndEvent_ReopenWindowElapsed";

    private Elements() {
    }
  }

  /** Decision keys (file name = key) in dmn-rules. */
  public static final class Decisions {
    public static final String RISK_ASSESSMENT = "CaseRiskAssessment";
    public static final String ROUTING = "CaseRouting";
    public static final String SLA_TARGETS = "CaseSlaTargets";

    private Decisions() {
    }
  }

  /** Form ids (file name = id) in forms. */
  public static final class Forms {
    public static final String INTAKE = "CaseIntake";
    public static final String ASSESSMENT = "CaseAssessment";
    /** Guidance only, no fields: keeps Tasklist from offering its generic form, which accepts any variable. */
    public static final String HANDLING = "CaseHandling";
    public static final String RESOLUTION = "CaseResolution";
    public static final String ESCALATION_REVIEW = "CaseEscalationReview";

    private Forms() {
    }
  }

  /** Spring bean names used as {@code camunda:delegateExpression="${name}"}; each calls one use case. */
  public static final class Delegates {
    public static final String APPLY_TRIAGE = "applyTriageDelegate";
    public static final String RECORD_INTERACTION = "recordInteractionDelegate";
    public static final String APPLY_REASSIGNMENT = "applyReassignmentDelegate";
    public static final String RECORD_ESCALATION = "recordEscalationDelegate";
    public static final String RECORD_SLA_BREACH = "recordSlaBreachDelegate";
    public static final String CLOSE_CASE = "closeCaseDelegate";
    public static final String REOPEN_CASE = "reopenCaseDelegate";
    public static final String RECORD_FEEDBACK = "recordFeedbackDelegate";

    private Delegates() {
    }
  }

  /** Camunda groups the model names directly. */
  public static final class Groups {
    public static final String AGENTS = "agents";
    public static final String SUPERVISORS = "supervisors";

    private Groups() {
    }
  }
}
