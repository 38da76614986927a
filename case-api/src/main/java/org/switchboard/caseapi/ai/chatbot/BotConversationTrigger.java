package org.switchboard.caseapi.ai.chatbot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.ai.config.AiServiceConfigs;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.InboundMessageProcessed;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.process.botconversation.BotConversationTurn.StartVariables;
import org.switchboard.workers.ai.AiService;

/**
 * The bot answers an inbound message when the tenant opted in twice: its CHATBOT service is enabled and the
 * channel account carries the setting {@code chatbot=true}. Once a conversation was handed to a person (the case's
 * {@code BOT_HANDOFF} entry), the bot stays silent on that case.
 */
@Component
public class BotConversationTrigger {

  /** Channel account setting that lets the bot answer the account's inbound messages. */
  public static final String ACCOUNT_SETTING = "chatbot";

  private static final Logger log = LoggerFactory.getLogger(BotConversationTrigger.class);

  private final JdbcChannelAccounts accounts;
  private final AiServiceConfigs aiServices;
  private final CaseRepository cases;
  private final BotTurnPolicy botTurns;
  private final BotConversationProcess process;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public BotConversationTrigger(JdbcChannelAccounts accounts, AiServiceConfigs aiServices, CaseRepository cases,
      BotTurnPolicy botTurns, BotConversationProcess process, JdbcClient jdbc, TransactionTemplate transaction) {
    this.accounts = accounts;
    this.aiServices = aiServices;
    this.cases = cases;
    this.botTurns = botTurns;
    this.process = process;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  @EventListener
  public void on(InboundMessageProcessed event) {
    if (event.caseId() == null || event.accountId() == null || !botAccount(event.accountId())) {
      return;
    }
    try {
      transaction.executeWithoutResult(status -> cases.findById(event.caseId())
          .filter(CaseRecord::open)
          .filter(c -> aiServices.effective(c.tenantId(), AiService.CHATBOT).enabled())
          .filter(c -> botTurns.personHasCase(c.id()).isEmpty())
          .filter(c -> !process.started(event.messageId()))
          .ifPresent(c -> process.start(c.tenantId(), event.messageId(), facts(c, event.messageId()))));
    } catch (RuntimeException e) {
      // The message is safely on its case and in the agents' queue either way. Ids only in the log.
      log.error("Bot turn for message {} of case {} could not be started ({})", event.messageId(), event.caseId(),
          e.getClass().getSimpleName(), e);
    }
  }

  private boolean botAccount(String accountId) {
    return accounts.byId(accountId).flatMap(a -> a.setting(ACCOUNT_SETTING)).map("true"::equalsIgnoreCase)
        .orElse(false);
  }

  private Map<String, Object> facts(CaseRecord c, String messageId) {
    String conversationId = jdbc.sql("SELECT conversation_id FROM message WHERE id = :m").param("m", messageId)
        .query(String.class).optional().orElse(null);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(StartVariables.MESSAGE_ID, messageId);
    facts.put(StartVariables.CASE_ID, c.id());
    facts.put(StartVariables.CONVERSATION_ID, conversationId);
    return facts;
  }
}
