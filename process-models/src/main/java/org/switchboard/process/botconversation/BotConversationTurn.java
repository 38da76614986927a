package org.switchboard.process.botconversation;

/**
 * The one place that names what {@code processes/BotConversationTurn.bpmn} exposes. One instance per inbound
 * message the tenant's bot may answer (business key = message id): the bot answers, or hands the conversation to
 * the case's human queue.
 *
 * <p>Variables are ids, codes and booleans. The message, the bot's answer and the summary stay in Switchboard's
 * tables (encrypted); the process only learns whether a person must take over.
 */
public final class BotConversationTurn {

  public static final String PROCESS_KEY = "BotConversationTurn";

  private BotConversationTurn() {
  }

  /** Set when the instance is started. */
  public static final class StartVariables {
    public static final String MESSAGE_ID = "messageId";
    public static final String CASE_ID = "caseId";
    /** The conversation the bot is in; its transcript is what the handoff summarises. */
    public static final String CONVERSATION_ID = "conversationId";

    private StartVariables() {
    }
  }

  /** Set by the ChatbotReply worker. */
  public static final class BotVariables {
    /** False when the chatbot is switched off or over its quota for the tenant: a person takes over. */
    public static final String AVAILABLE = "aiChatbotAvailable";
    /** True when a person must take over (asked for, low confidence, sector policy, bot unavailable). */
    public static final String HANDOFF = "botHandoff";
    /**
     * True when the bot stands down without a word and without a handoff: a newer message of the conversation has
     * its own turn, or a person already wrote to the case or took it over.
     */
    public static final String SKIPPED = "botTurnSkipped";
    /** The stored outbound answer when the bot answered. */
    public static final String REPLY_MESSAGE_ID = "botReplyMessageId";
    /** Id of the stored bot result (provider, version, reply, handoff reason) for the audit. */
    public static final String RESULT_ID = "aiChatbotResultId";

    private BotVariables() {
    }
  }

  public static final class Elements {
    public static final String START_EVENT_MESSAGE_RECEIVED = "StartEvent_MessageReceived";
    public static final String SERVICE_TASK_CHATBOT_REPLY = "ServiceTask_ChatbotReply";
    public static final String GATEWAY_HANDOFF = "Gateway_Handoff";
    public static final String END_EVENT_TURN_SKIPPED = "EndEvent_TurnSkipped";
    public static final String END_EVENT_BOT_ANSWERED = "EndEvent_BotAnswered";
    public static final String SERVICE_TASK_HAND_OFF_TO_HUMAN = "ServiceTask_HandOffToHuman";
    public static final String END_EVENT_HANDED_OFF = "EndEvent_HandedOff";

    private Elements() {
    }
  }

  /** External-task topics the process publishes (the same names as {@code org.switchboard.workers.Topics}). */
  public static final class Topics {
    public static final String CHATBOT_REPLY = "ChatbotReply";

    private Topics() {
    }
  }

  /** Delegate bean names (camunda:delegateExpression). */
  public static final class Delegates {
    public static final String HAND_OFF_BOT_CONVERSATION = "handOffBotConversationDelegate";

    private Delegates() {
    }
  }
}
