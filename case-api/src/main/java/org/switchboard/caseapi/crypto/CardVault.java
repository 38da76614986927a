package org.switchboard.caseapi.crypto;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.workers.text.CardNumbers;

/**
 * Tokenises payment card numbers in free text before it is stored: each number becomes
 * {@code [card:tok_…]} in the text and a row in card_vault holding only its ciphertext (under the case's
 * data key). Card numbers are never written anywhere in clear, nor logged.
 */
@Component
public class CardVault {

  public static final String TABLE = "card_vault";
  private static final Pattern TOKEN = Pattern.compile("tok_[a-z]{24}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FieldCipher cipher;
  private final JdbcClient jdbc;
  private final Clock clock;

  public CardVault(FieldCipher cipher, JdbcClient jdbc, Clock clock) {
    this.cipher = cipher;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The text with every card number replaced by its token; in the caller's transaction, so the vault rows
   * exist exactly when the text that names them does.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public String tokenize(String tenantId, String caseId, String text) {
    List<CardNumbers.Found> found = CardNumbers.find(text);
    if (found.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (CardNumbers.Found card : found) {
      String token = newToken();
      jdbc.sql("INSERT INTO card_vault (token, tenant_id, case_id, pan, created_at) "
              + "VALUES (:token, :tenantId, :caseId, :pan, :createdAt)")
          .param("token", token).param("tenantId", tenantId).param("caseId", caseId)
          .param("pan", cipher.encrypt(ref(tenantId, token), Subject.ofCase(caseId), card.digits()))
          .param("createdAt", ts(clock.instant()))
          .update();
      out.append(text, at, card.start()).append("[card:").append(token).append(']');
      at = card.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /** The card number behind a token of the tenant; empty for unknown tokens and other tenants'. */
  public Optional<String> detokenize(String tenantId, String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT pan FROM card_vault WHERE token = :token AND tenant_id = :tenantId")
        .param("token", token).param("tenantId", tenantId).query(String.class).optional()
        .map(stored -> cipher.decrypt(ref(tenantId, token), stored));
  }

  private static FieldRef ref(String tenantId, String token) {
    return new FieldRef(TABLE, token, "pan", tenantId);
  }

  /** Letters only, so a token can never read as part of a card number itself. */
  private static String newToken() {
    char[] letters = new char[24];
    for (int i = 0; i < letters.length; i++) {
      letters[i] = (char) ('a' + RANDOM.nextInt(26));
    }
    return "tok_" + new String(letters);
  }
}
