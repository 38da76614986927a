package org.switchboard.caseapi.outbox;

/** Documented event types (docs/events.md). Names are part of the public contract: add, never rename. */
public final class EventTypes {

  public static final String CASE_OPENED = "CaseOpened";
  public static final String CASE_TRIAGED = "CaseTriaged";
  /** A supervisor decided on an AI risk finding; payload: decision, AI-proposed and resulting risk level. */
  public static final String AI_RISK_REVIEWED = "AiRiskReviewed";
  /** A bot conversation was handed to a person; payload: reason, conversationId, summaryResultId. */
  public static final String BOT_HANDED_OFF = "BotHandedOff";
  public static final String CASE_UPDATED = "CaseUpdated";
  public static final String CASE_ASSIGNED = "CaseAssigned";
  public static final String CASE_ESCALATED = "CaseEscalated";
  public static final String SLA_BREACHED = "SlaBreached";
  public static final String CASE_CLOSED = "CaseClosed";
  public static final String CASE_REOPENED = "CaseReopened";
  public static final String CASE_DELETED = "CaseDeleted";
  public static final String CASES_MERGED = "CasesMerged";
  public static final String CASE_LINKED = "CaseLinked";
  public static final String CASE_UNLINKED = "CaseUnlinked";
  public static final String CASE_ACCESS_GRANTED = "CaseAccessGranted";
  public static final String CASE_ACCESS_REVOKED = "CaseAccessRevoked";
  public static final String NOTE_ADDED = "NoteAdded";
  public static final String DOCUMENT_ADDED = "DocumentAdded";
  public static final String INTERACTION_RECORDED = "InteractionRecorded";
  public static final String FEEDBACK_RECEIVED = "FeedbackReceived";
  public static final String TASK_COMPLETED = "TaskCompleted";
  public static final String TASK_CREATED = "TaskCreated";
  public static final String TASK_ASSIGNED = "TaskAssigned";
  public static final String TASK_CANCELLED = "TaskCancelled";
  public static final String CONTACT_CREATED = "ContactCreated";
  /** A data subject was erased: consumers holding copies of the contact's or its cases' data erase them too. */
  public static final String CONTACT_ERASED = "ContactErased";
  public static final String CASE_ERASED = "CaseErased";
  /** An inbound message joined a case (payload: messageId, conversationId, contactId, channel, accountId). */
  public static final String MESSAGE_RECEIVED = "MessageReceived";
  /** A delivery callback moved an outbound message forward (payload: messageId, state, errorCode). */
  public static final String MESSAGE_DELIVERY_UPDATED = "MessageDeliveryUpdated";
  /** A contact was merged into another (aggregate: the surviving contact; payload: contactId, mergedContactId). */
  public static final String CONTACTS_MERGED = "ContactsMerged";
  /** An identity became a contact of its own (payload: contactId, newContactId, identityId). */
  public static final String CONTACT_SPLIT = "ContactSplit";
  /** An agent's send was accepted and queued (payload: messageId, channel, mode). */
  public static final String OUTBOUND_MESSAGE_QUEUED = "OutboundMessageQueued";
  /** The provider took an outbound message (payload: messageId, channel). */
  public static final String OUTBOUND_MESSAGE_SENT = "OutboundMessageSent";
  /** An outbound message was refused (payload: messageId, channel, code). */
  public static final String OUTBOUND_MESSAGE_REFUSED = "OutboundMessageRefused";

  private EventTypes() {
  }
}
