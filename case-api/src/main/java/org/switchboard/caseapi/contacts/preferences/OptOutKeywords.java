package org.switchboard.caseapi.contacts.preferences;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.conversations.InboundMessageProcessed;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * A contact who answers STOP (UNSUBSCRIBE, ARRET, ...) is opted out of that channel; START opts them back in. The
 * whole message must be the keyword, so "please don't stop helping me" changes nothing. Idempotent: a redelivered
 * event finds the opt-out already there.
 */
@Component
public class OptOutKeywords {

  public static final String SOURCE_KEYWORD = "STOP_KEYWORD";
  static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET");
  static final Set<String> OPT_IN = Set.of("START", "UNSTOP");

  private final JdbcClient jdbc;
  private final MessageCipher cipher;
  private final ContactPreferenceRepository preferences;
  private final AuditRecorder audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public OptOutKeywords(JdbcClient jdbc, MessageCipher cipher, ContactPreferenceRepository preferences,
      AuditRecorder audit, TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.preferences = preferences;
    this.audit = audit;
    this.transaction = transaction;
    this.clock = clock;
  }

  @EventListener
  public void on(InboundMessageProcessed event) {
    if (event.contactId() == null || event.channel() == null) {
      return;
    }
    Optional<String> keyword = body(event).map(OptOutKeywords::keyword);
    if (keyword.isEmpty() || !(OPT_OUT.contains(keyword.get()) || OPT_IN.contains(keyword.get()))) {
      return;
    }
    boolean optOut = OPT_OUT.contains(keyword.get());
    transaction.executeWithoutResult(status -> {
      Instant now = clock.instant();
      boolean changed = optOut
          ? preferences.optOut(event.contactId(), event.tenantId(), new ContactPreferences.OptOut(event.channel(), now,
              SOURCE_KEYWORD, event.messageId(), CurrentUser.SYSTEM_USER))
          : preferences.optIn(event.contactId(), event.channel());
      if (changed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", event.channel().name());
        details.put("messageId", event.messageId());
        details.put("keyword", keyword.get());
        audit.record(optOut ? PreferenceAuditActions.CONTACT_OPTED_OUT : PreferenceAuditActions.CONTACT_OPTED_IN,
            CurrentUser.SYSTEM_USER, event.tenantId(), "contact", event.contactId(), Outcome.SUCCESS, details);
      }
    });
  }

  private Optional<String> body(InboundMessageProcessed event) {
    return jdbc.sql("SELECT body FROM message WHERE id = :id AND tenant_id = :t AND direction = 'INBOUND'")
        .param("id", event.messageId()).param("t", event.tenantId()).query(String.class).optional()
        .map(stored -> cipher.open(MessageCipher.MESSAGE, event.messageId(), "body", event.tenantId(), stored));
  }

  /** Upper-case, accents and surrounding punctuation removed: "Arrêt." reads ARRET. */
  static String keyword(String body) {
    String plain = Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "").toUpperCase(Locale.ROOT);
  }
}
