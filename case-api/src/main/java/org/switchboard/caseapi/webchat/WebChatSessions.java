package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Starting, authenticating and ending web chat sessions. A session is started by the pre-chat form and gets a
 * random bearer token (256 bits) that only the widget holds; the database keeps its SHA-256, so a leaked table
 * cannot open anyone's chat. A token stops working when its session ended, idled out or grew too old.
 */
@Component
public class WebChatSessions {

  public static final String EXIT = "EXIT";
  public static final String VISITOR = "VISITOR";
  public static final String EXPIRED = "EXPIRED";
  static final int MAX_NICKNAME = 60;
  static final int MAX_TOPIC = 100;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebChatSessionRepository sessions;
  private final WebChatTranscript transcript;
  private final WebChatHub hub;
  private final FieldCipher cipher;
  private final WebChatAudit audit;
  private final WebChatProperties properties;
  private final TransactionTemplate transaction;
  private final ObjectMapper mapper;
  private final Clock clock;

  public WebChatSessions(WebChatSessionRepository sessions, WebChatTranscript transcript, WebChatHub hub,
      FieldCipher cipher, WebChatAudit audit, WebChatProperties properties, TransactionTemplate transaction,
      ObjectMapper mapper, Clock clock) {
    this.sessions = sessions;
    this.transcript = transcript;
    this.hub = hub;
    this.cipher = cipher;
    this.audit = audit;
    this.properties = properties;
    this.transaction = transaction;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The pre-chat form's answers. */
  public record PreChat(String nickname, String topic, Boolean consent) {
  }

  /** @param token the bearer token; shown once, never stored */
  public record Started(String sessionId, String token, WebChatAccount account) {
  }

  /** Validates the form against the account's fields (400 naming each field at fault) and starts a session. */
  public Started start(WebChatAccount account, PreChat form, String source) {
    PreChat clean = validate(account, form);
    String sessionId = UUID.randomUUID().toString();
    String token = newToken();
    Instant now = clock.instant();
    Map<String, String> answers = new LinkedHashMap<>();
    if (clean.nickname() != null) {
      answers.put("nickname", clean.nickname());
    }
    if (clean.topic() != null) {
      answers.put("topic", clean.topic());
    }
    boolean consent = account.consent().shown() && Boolean.TRUE.equals(clean.consent());
    transaction.executeWithoutResult(s -> {
      String sealed = answers.isEmpty() ? null
          : cipher.encrypt(prechatRef(sessionId, account.tenantId()), WebChatTranscript.subject(sessionId),
              json(answers));
      sessions.insert(new WebChatSession(sessionId, account.tenantId(), account.id(), hash(token), null, sealed,
          consent ? now : null, now, now, null, null));
      audit.sessionStarted(account.tenantId(), sessionId, account.id(), consent, source);
    });
    return new Started(sessionId, token, account);
  }

  private PreChat validate(WebChatAccount account, PreChat form) {
    PreChat f = form == null ? new PreChat(null, null, null) : form;
    List<FieldError> errors = new ArrayList<>();
    String nickname = trimmed(f.nickname());
    String topic = trimmed(f.topic());
    if (!account.nickname().shown()) {
      nickname = null;
    } else if (nickname == null && account.nickname() == WebChatAccount.Field.REQUIRED) {
      errors.add(new FieldError("nickname", "Please enter a name to be called by"));
    } else if (nickname != null && nickname.length() > MAX_NICKNAME) {
      errors.add(new FieldError("nickname", "At most " + MAX_NICKNAME + " characters"));
    } else if (nickname != null && nickname.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("nickname", "Control characters are not allowed"));
    }
    if (!account.topic().shown()) {
      topic = null;
    } else if (topic == null && account.topic() == WebChatAccount.Field.REQUIRED) {
      errors.add(new FieldError("topic", "Please choose what you would like to talk about"));
    } else if (topic != null && !account.topics().isEmpty() && !account.topics().contains(topic)) {
      errors.add(new FieldError("topic", "Please choose one of the listed topics"));
    } else if (topic != null && (topic.length() > MAX_TOPIC || topic.chars().anyMatch(Character::isISOControl))) {
      errors.add(new FieldError("topic", "At most " + MAX_TOPIC + " characters, no control characters"));
    }
    if (account.consent() == WebChatAccount.Field.REQUIRED && !Boolean.TRUE.equals(f.consent())) {
      errors.add(new FieldError("consent", "Please confirm to start the chat"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new PreChat(nickname, topic, f.consent());
  }

  /**
   * The open session the token belongs to, if it is still valid for the account; an idle or too old session is
   * ended on the way. {@code accountId} null accepts any account.
   */
  public Optional<WebChatSession> authenticate(String token, String accountId) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    Optional<WebChatSession> found = sessions.findByTokenHash(hash(token))
        .filter(s -> accountId == null || s.accountId().equals(accountId))
        .filter(s -> !s.ended());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    WebChatSession session = found.get();
    if (overdue(session, clock.instant())) {
      end(session, EXPIRED);
      return Optional.empty();
    }
    return found;
  }

  public Optional<WebChatSession> find(String sessionId) {
    return sessions.findById(sessionId);
  }

  /** A live session: still open and not overdue. */
  public boolean live(WebChatSession session) {
    return !session.ended() && !overdue(session, clock.instant());
  }

  public void touch(String sessionId) {
    sessions.touch(sessionId, clock.instant());
  }

  public void linkContact(String sessionId) {
    sessions.linkContact(sessionId);
  }

  /** The visitor's pre-chat answers, empty once the session ended. */
  public PreChat prechat(WebChatSession session) {
    if (session.prechat() == null) {
      return new PreChat(null, null, session.consentAt() != null);
    }
    try {
      Map<?, ?> answers = mapper.readValue(cipher.decrypt(prechatRef(session.id(), session.tenantId()),
          session.prechat()), Map.class);
      return new PreChat((String) answers.get("nickname"), (String) answers.get("topic"),
          session.consentAt() != null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Pre-chat answers of a web chat session are not JSON", e);
    }
  }

  /**
   * Ends the session: the token stops working, the open sockets are told and closed, the session's copy of the
   * conversation and its key are destroyed. The case keeps its messages. Ending twice is a no-op.
   */
  public void end(WebChatSession session, String reason) {
    Boolean ended = transaction.execute(s -> {
      if (!sessions.end(session.id(), reason, clock.instant())) {
        return false;
      }
      transcript.forget(session.tenantId(), session.id());
      audit.sessionEnded(session.tenantId(), session.id(), reason);
      return true;
    });
    if (Boolean.TRUE.equals(ended)) {
      hub.ended(session.id());
    }
  }

  /** Ends sessions that idled out or grew too old; returns how many. */
  public int endOverdue() {
    Instant now = clock.instant();
    List<String> overdue = sessions.overdue(now.minus(properties.idleTimeout()), now.minus(properties.maxAge()), 100);
    overdue.forEach(id -> sessions.findById(id).ifPresent(s -> end(s, EXPIRED)));
    return overdue.size();
  }

  private boolean overdue(WebChatSession session, Instant now) {
    return session.lastSeenAt().plus(properties.idleTimeout()).isBefore(now)
        || session.createdAt().plus(properties.maxAge()).isBefore(now);
  }

  static FieldRef prechatRef(String sessionId, String tenantId) {
    return new FieldRef("webchat_session", sessionId, "prechat", tenantId);
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    String t = value.strip();
    return t.isEmpty() ? null : t;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
