package org.switchboard.caseapi.ai.chatbot;

import java.util.Map;

/** The engine as the chatbot sees it (outbound port); adapter in {@code ai.chatbot.engine}. */
public interface BotConversationProcess {

  /**
   * Starts {@code BotConversationTurn} for one inbound message (business key = message id) in the tenant.
   *
   * @param facts ids only (see {@code BotConversationTurn.StartVariables})
   */
  void start(String tenantId, String messageId, Map<String, Object> facts);

  /** Whether a turn for this message exists already: the event may be delivered again after a crash. */
  boolean started(String messageId);
}
