package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.InboundReception;
import org.switchboard.workers.channels.Channel;

/**
 * {@code /chat/socket}: the widget's JSON frames (protocol in docs/channels-webchat.md). The first frame must be
 * {@code auth} with the session token; until then nothing else is read, and a socket that does not authenticate
 * within {@code switchboard.webchat.auth-timeout} is closed. Visitor messages go to {@link InboundReception} with
 * the provider message id {@code <session id>:<client message id>}, so a resent message is stored once and
 * acknowledged again with the same message id.
 */
@Component
public class WebChatSocketHandler extends TextWebSocketHandler implements DisposableBean {

  static final String ACCOUNT_ID = "webchat.accountId";
  static final String SOURCE = "webchat.source";
  static final String CHAT_SESSION = "webchat.session";
  static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "not authorized");
  static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4408, "no token in time");

  private static final Logger log = LoggerFactory.getLogger(WebChatSocketHandler.class);
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final WebChatSessions sessions;
  private final WebChatAccounts accounts;
  private final WebChatTranscript transcript;
  private final WebChatHub hub;
  private final WebChatReceipts receipts;
  private final WebChatRateLimits limits;
  private final InboundReception reception;
  private final WebChatAudit audit;
  private final WebChatProperties properties;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "webchat-auth-timeout");
    t.setDaemon(true);
    return t;
  });

  public WebChatSocketHandler(WebChatSessions sessions, WebChatAccounts accounts, WebChatTranscript transcript,
      WebChatHub hub, WebChatReceipts receipts, WebChatRateLimits limits, InboundReception reception,
      WebChatAudit audit, WebChatProperties properties, ObjectMapper mapper, Clock clock) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.transcript = transcript;
    this.hub = hub;
    this.receipts = receipts;
    this.limits = limits;
    this.reception = reception;
    this.audit = audit;
    this.properties = properties;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** What a socket knows once authenticated; {@code socket} is the thread-safe wrapper from the hub. */
  private record Bound(WebChatSession session, WebSocketSession socket) {
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession socket) {
    // Larger frames close the socket with 1009 (message too big).
    socket.setTextMessageSizeLimit((int) properties.maxFrameSize().toBytes());
    socket.setBinaryMessageSizeLimit(1024);
    timeouts.schedule(() -> {
      if (socket.isOpen() && socket.getAttributes().get(CHAT_SESSION) == null) {
        close(socket, AUTH_TIMEOUT);
      }
    }, properties.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws IOException {
    JsonNode frame;
    try {
      frame = mapper.readTree(message.getPayload());
    } catch (IOException e) {
      frame = null;
    }
    if (frame == null || !frame.isObject()) {
      error(socket, "invalid_frame", "Frames are JSON objects with a type", null);
      return;
    }
    String type = frame.path("type").asText("");
    Bound bound = (Bound) socket.getAttributes().get(CHAT_SESSION);
    if (bound == null) {
      if ("auth".equals(type)) {
        authenticate(socket, frame);
      } else {
        close(socket, UNAUTHORIZED);
      }
      return;
    }
    switch (type) {
      case "message" -> message(bound, frame, message.getPayload());
      case "typing" -> typing(bound, frame);
      case "receipt" -> receipt(bound, frame);
      case "end" -> end(bound, frame);
      case "ping" -> hub.send(bound.socket(), Map.of("type", "pong"));
      default -> error(bound.socket(), "unknown_type", "Unknown frame type", null);
    }
  }

  private void authenticate(WebSocketSession socket, JsonNode frame) {
    String accountId = (String) socket.getAttributes().get(ACCOUNT_ID);
    Optional<WebChatSession> session = sessions.authenticate(frame.path("token").asText(null), accountId);
    if (session.isEmpty()) {
      audit.tokenRefused(accountId, "unknown, ended or expired token",
          (String) socket.getAttributes().get(SOURCE));
      hub.send(socket, Map.of("type", "error", "code", "unauthorized",
          "message", "This chat has ended. Please start a new one."));
      close(socket, UNAUTHORIZED);
      return;
    }
    WebChatSession s = session.get();
    WebSocketSession safe = hub.register(s.id(), socket);
    socket.getAttributes().put(CHAT_SESSION, new Bound(s, safe));
    sessions.touch(s.id());
    sessions.linkContact(s.id());
    List<Map<String, Object>> history = new ArrayList<>();
    List<WebChatEntry> entries = transcript.ofSession(s.id());
    for (WebChatEntry e : entries) {
      history.add(entryFrame(e));
    }
    Map<String, Object> ready = new LinkedHashMap<>();
    ready.put("type", "ready");
    ready.put("sessionId", s.id());
    ready.put("history", history);
    if (hub.send(safe, ready)) {
      entries.stream().filter(e -> e.pushedAt() == null && WebChatEntry.OUTBOUND.equals(e.direction()))
          .forEach(e -> transcript.markPushed(e.id(), clock.instant()));
    }
  }

  private void message(Bound bound, JsonNode frame, String payload) {
    String clientId = frame.path("clientId").asText("");
    String text = frame.path("text").asText("");
    if (!CLIENT_ID.matcher(clientId).matches()) {
      error(bound.socket(), "invalid_client_id", "clientId: 1 to 64 letters, digits, - or _", null);
      return;
    }
    if (text.isBlank() || text.length() > properties.maxMessageLength()) {
      error(bound.socket(), "invalid_text",
          "text: 1 to " + properties.maxMessageLength() + " characters", clientId);
      return;
    }
    if (!limits.message(bound.session().id())) {
      error(bound.socket(), "rate_limited", "Too many messages; please wait a moment and send again", clientId);
      return;
    }
    Optional<WebChatSession> current = sessions.find(bound.session().id()).filter(sessions::live);
    if (current.isEmpty()) {
      sessionGone(bound);
      return;
    }
    WebChatSession session = current.get();
    WebChatAccount account = accounts.byId(session.accountId()).orElse(null);
    if (account == null) {
      error(bound.socket(), "unavailable", "This chat is not available right now", clientId);
      return;
    }
    WebChatSessions.PreChat prechat = sessions.prechat(session);
    InboundReception.Acceptance accepted = reception.accept(new InboundMessage(account.id(), Channel.WEBCHAT,
        session.id() + ":" + clientId, session.id(), account.address(), prechat.nickname(), prechat.topic(), text,
        null, List.of(), List.of(), clock.instant(), payload));
    transcript.add(new WebChatEntry(accepted.messageId(), session.id(), session.tenantId(), WebChatEntry.INBOUND,
        clientId, text, "SENT", clock.instant(), clock.instant()));
    sessions.touch(session.id());
    hub.visitorTyping(session.tenantId(), session.id(), false);
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("type", "ack");
    ack.put("clientId", clientId);
    ack.put("messageId", accepted.messageId());
    ack.put("duplicate", accepted.duplicate());
    ack.put("state", "sent");
    hub.send(bound.socket(), ack);
  }

  private void typing(Bound bound, JsonNode frame) {
    if (!limits.signal(bound.session().id())) {
      return;
    }
    hub.visitorTyping(bound.session().tenantId(), bound.session().id(), frame.path("active").asBoolean(false));
  }

  private void receipt(Bound bound, JsonNode frame) {
    if (!limits.signal(bound.session().id())) {
      error(bound.socket(), "rate_limited", "Too many receipts", null);
      return;
    }
    if (!receipts.receive(bound.session(), frame.path("messageId").asText(null), frame.path("state").asText(null))) {
      error(bound.socket(), "invalid_receipt", "Receipts name an agent message of this chat and a state "
          + "(delivered or read)", null);
    }
    sessions.touch(bound.session().id());
  }

  private void end(Bound bound, JsonNode frame) {
    String reason = "exit".equals(frame.path("reason").asText("")) ? WebChatSessions.EXIT : WebChatSessions.VISITOR;
    sessions.end(bound.session(), reason);
    close(bound.socket(), WebChatHub.SESSION_ENDED);
  }

  private void sessionGone(Bound bound) {
    sessions.find(bound.session().id()).filter(s -> !s.ended())
        .ifPresent(s -> sessions.end(s, WebChatSessions.EXPIRED));
    hub.send(bound.socket(), Map.of("type", "ended"));
    close(bound.socket(), WebChatHub.SESSION_ENDED);
  }

  static Map<String, Object> entryFrame(WebChatEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "message");
    out.put("messageId", e.id());
    out.put("from", WebChatEntry.INBOUND.equals(e.direction()) ? "visitor" : "agent");
    if (e.clientMessageId() != null) {
      out.put("clientId", e.clientMessageId());
    }
    out.put("text", e.text());
    out.put("at", e.createdAt().toString());
    out.put("state", e.state().toLowerCase(java.util.Locale.ROOT));
    return out;
  }

  private void error(WebSocketSession socket, String code, String text, String clientId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "error");
    out.put("code", code);
    out.put("message", text);
    if (clientId != null) {
      out.put("clientId", clientId);
    }
    hub.send(socket, out);
  }

  @Override
  public void handleTransportError(WebSocketSession socket, Throwable exception) {
    log.debug("Web chat socket {} failed: {}", socket.getId(), exception.toString());
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    Bound bound = (Bound) socket.getAttributes().get(CHAT_SESSION);
    if (bound != null) {
      hub.unregister(bound.session().id(), bound.socket());
      if (!hub.online(bound.session().id())) {
        limits.forget(bound.session().id());
      }
    }
  }

  private void close(WebSocketSession socket, CloseStatus status) {
    try {
      socket.close(status);
    } catch (IOException | RuntimeException e) {
      log.debug("Web chat socket {} did not close cleanly: {}", socket.getId(), e.toString());
    }
  }

  @Override
  public void destroy() {
    timeouts.shutdownNow();
  }
}
