package org.switchboard.caseapi.ai.chatbot;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * When the bot must not speak even though the tenant's bot is on. Checked when a turn starts and again when it
 * runs, because a person may answer, or the contact may write again, while the turn waits for its worker.
 *
 * <p>A handoff covers the whole case, not one conversation: once a person has the case (a {@code BOT_HANDOFF}
 * entry, or an agent already wrote to the contact), the bot stays silent on every channel of it. A new case, for
 * example after this one was closed, starts with the bot again.
 */
@Component
public class BotTurnPolicy {

  public static final String HANDED_OFF = "handed-off";
  public static final String PERSON_ANSWERED = "person-answered";
  public static final String NEWER_MESSAGE = "newer-message";

  private final JdbcClient jdbc;

  public BotTurnPolicy(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True once the case was handed to a person (its {@code BOT_HANDOFF} history entry). */
  public boolean handedOff(String caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM case_change WHERE case_id = :c AND change_type = :t")
        .param("c", caseId).param("t", CaseChangeTypes.BOT_HANDOFF).query(Long.class).single() > 0;
  }

  /** Why the case is in human hands, or empty while it is the bot's. */
  public Optional<String> personHasCase(String caseId) {
    if (handedOff(caseId)) {
      return Optional.of(HANDED_OFF);
    }
    // Bot answers are written by the system user; anything else outbound is a person's word.
    boolean personWrote = jdbc.sql("""
        SELECT COUNT(*) FROM message WHERE case_id = :c AND direction = 'OUTBOUND'
        AND (created_by IS NULL OR created_by <> :system)""")
        .param("c", caseId).param("system", CurrentUser.SYSTEM_USER).query(Long.class).single() > 0;
    return personWrote ? Optional.of(PERSON_ANSWERED) : Optional.empty();
  }

  /**
   * Why this turn should stay silent when it runs: the person took the case meanwhile, or the contact wrote again
   * (two messages in quick succession get one answer, from the newest message's turn).
   */
  public Optional<String> standDown(String caseId, String conversationId, String messageId) {
    Optional<String> person = caseId == null ? Optional.empty() : personHasCase(caseId);
    if (person.isPresent() || conversationId == null) {
      return person;
    }
    boolean newer = jdbc.sql("""
        SELECT COUNT(*) FROM message later JOIN message mine ON mine.id = :m
        WHERE later.conversation_id = :conv AND later.direction = 'INBOUND' AND later.id <> mine.id
        AND (later.created_at > mine.created_at OR (later.created_at = mine.created_at AND later.id > mine.id))""")
        .param("m", messageId).param("conv", conversationId).query(Long.class).single() > 0;
    return newer ? Optional.of(NEWER_MESSAGE) : Optional.empty();
  }
}
