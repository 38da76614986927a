package org.switchboard.process.outbound;

/**
 * The one place that names what {@code processes/OutboundMessage.bpmn} exposes: its key, variables, topics,
 * error codes, element ids, delegate bean and form.
 *
 * <p>One instance sends one stored outbound message (business key = message id). The message's content and
 * addresses stay encrypted in case-api's message table; the instance holds ids and routing facts only.
 */
public final class OutboundMessage {

  public static final String PROCESS_KEY = "OutboundMessage";

  private OutboundMessage() {
  }

  /** Process variable names; every value is a String. */
  public static final class Variables {
    /** Id of the stored outbound message, also the business key and the send's idempotency key. */
    public static final String MESSAGE_ID = "messageId";
    /** The case the message belongs to. */
    public static final String CASE_ID = "caseId";
    /** {@code SMS}, {@code WHATSAPP}, {@code EMAIL}, {@code WEBCHAT}, {@code MESSENGER}, {@code INSTAGRAM}. */
    public static final String CHANNEL = "channel";
    /** Set by the error boundary events: the refusal code the worker reported. */
    public static final String REFUSAL_CODE = "refusalCode";
    /** Set by the refusal delegate: the case's team (group id), candidate group of the review task. */
    public static final String TEAM = "team";

    private Variables() {
    }
  }

  /** External-task topics, one per channel capability (the workers' {@code Topics}). */
  public static final class Topics {
    public static final String SEND_SMS = "SendSms";
    public static final String SEND_WHATSAPP = "SendWhatsApp";
    public static final String SEND_EMAIL = "SendEmail";
    public static final String SEND_WEB_CHAT = "SendWebChat";
    public static final String SEND_MESSENGER = "SendMessenger";

    private Topics() {
    }
  }

  /** BPMN error codes the send workers raise (the workers' {@code RefusalCodes}). */
  public static final class ErrorCodes {
    public static final String UNSAFE_TO_CONTACT = "UNSAFE_TO_CONTACT";
    public static final String OPTED_OUT = "OPTED_OUT";
    public static final String WINDOW_CLOSED = "WINDOW_CLOSED";
    public static final String CHANNEL_NOT_CONFIGURED = "CHANNEL_NOT_CONFIGURED";
    public static final String INVALID_RECIPIENT = "INVALID_RECIPIENT";
    public static final String SEND_IN_DOUBT = "SEND_IN_DOUBT";

    private ErrorCodes() {
    }
  }

  /** Element ids tests and adapters refer to. */
  public static final class Elements {
    public static final String START_EVENT_MESSAGE_QUEUED = "StartEvent_MessageQueued";
    public static final String SUB_PROCESS_SEND = "SubProcess_Send";
    public static final String START_EVENT_SEND_STARTED = "StartEvent_SendStarted";
    public static final String GATEWAY_CHANNEL = "Gateway_Channel";
    public static final String SERVICE_TASK_SEND_SMS = "ServiceTask_SendSms";
    public static final String SERVICE_TASK_SEND_WHATSAPP = "ServiceTask_SendWhatsApp";
    public static final String SERVICE_TASK_SEND_EMAIL = "ServiceTask_SendEmail";
    public static final String SERVICE_TASK_SEND_WEB_CHAT = "ServiceTask_SendWebChat";
    public static final String SERVICE_TASK_SEND_MESSENGER = "ServiceTask_SendMessenger";
    public static final String GATEWAY_SENT = "Gateway_Sent";
    public static final String END_EVENT_SEND_COMPLETED = "EndEvent_SendCompleted";
    public static final String END_EVENT_MESSAGE_SENT = "EndEvent_MessageSent";

    public static final String BOUNDARY_EVENT_UNSAFE_TO_CONTACT = "BoundaryEvent_UnsafeToContact";
    public static final String BOUNDARY_EVENT_OPTED_OUT = "BoundaryEvent_OptedOut";
    public static final String BOUNDARY_EVENT_WINDOW_CLOSED = "BoundaryEvent_WindowClosed";
    public static final String BOUNDARY_EVENT_CHANNEL_NOT_CONFIGURED = "BoundaryEvent_ChannelNotConfigured";
    public static final String BOUNDARY_EVENT_INVALID_RECIPIENT = "BoundaryEvent_InvalidRecipient";
    public static final String BOUNDARY_EVENT_SEND_IN_DOUBT = "BoundaryEvent_SendInDoubt";

    public static final String GATEWAY_REFUSED = "Gateway_Refused";
    public static final String SERVICE_TASK_RECORD_REFUSAL = "ServiceTask_RecordRefusal";
    public static final String END_EVENT_SEND_REFUSED = "EndEvent_SendRefused";
    public static final String GATEWAY_REVIEW_NEEDED = "Gateway_ReviewNeeded";
    public static final String SERVICE_TASK_RECORD_REFUSAL_FOR_REVIEW = "ServiceTask_RecordRefusalForReview";
    public static final String TASK_REVIEW_REFUSAL = "Task_ReviewRefusal";
    public static final String END_EVENT_REFUSAL_REVIEWED = "EndEvent_RefusalReviewed";

    private Elements() {
    }
  }

  /** Delegate bean names (Spring beans in case-api). */
  public static final class Delegates {
    /** Records the refusal on the message and in the case history; sets {@link Variables#TEAM}. */
    public static final String RECORD_SEND_REFUSAL = "recordSendRefusalDelegate";

    private Delegates() {
    }
  }

  /** Camunda Forms of the user tasks (forms module). */
  public static final class Forms {
    public static final String REFUSAL_REVIEW = "OutboundRefusalReview";

    private Forms() {
    }
  }
}
