package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * This node's open web chat sockets by chat session, and the visitors' typing state. Everything here is per node
 * (docs/channels-webchat.md, "Several nodes"): a socket lives on the node it connected to; agent messages stored
 * on another node reach it through {@link WebChatPushJob}.
 */
@Component
public class WebChatHub {

  /** The session ended (quick exit, expiry): the widget forgets its token. */
  public static final CloseStatus SESSION_ENDED = new CloseStatus(4409, "session ended");

  private static final Logger log = LoggerFactory.getLogger(WebChatHub.class);
  private static final int SEND_TIME_LIMIT_MS = 5_000;
  private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

  private final Map<String, Set<WebSocketSession>> sockets = new ConcurrentHashMap<>();
  private final Map<String, Instant> visitorTyping = new ConcurrentHashMap<>();
  private final ObjectMapper mapper;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public WebChatHub(ObjectMapper mapper, ApplicationEventPublisher events, Clock clock) {
    this.mapper = mapper;
    this.events = events;
    this.clock = clock;
  }

  /** A visitor started or stopped typing (published in-process, on the node the visitor is connected to). */
  public record VisitorTyping(String tenantId, String chatSessionId, boolean active, Instant at) {
  }

  /** What an agent view can show about the visitor right now, as this node knows it. */
  public record Presence(boolean online, boolean typing) {
  }

  /** Wraps the socket so pushes from several threads are serialised; use the returned session from then on. */
  WebSocketSession register(String chatSessionId, WebSocketSession socket) {
    WebSocketSession safe = socket instanceof ConcurrentWebSocketSessionDecorator ? socket
        : new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
    sockets.computeIfAbsent(chatSessionId, k -> ConcurrentHashMap.newKeySet()).add(safe);
    return safe;
  }

  void unregister(String chatSessionId, WebSocketSession socket) {
    sockets.computeIfPresent(chatSessionId, (k, set) -> {
      set.removeIf(s -> s == socket || s.getId().equals(socket.getId()));
      return set.isEmpty() ? null : set;
    });
    if (!sockets.containsKey(chatSessionId)) {
      visitorTyping.remove(chatSessionId);
    }
  }

  public Set<String> connectedSessions() {
    return Set.copyOf(sockets.keySet());
  }

  public boolean online(String chatSessionId) {
    return sockets.containsKey(chatSessionId);
  }

  /** Sends a frame to every open socket of the session on this node. @return how many sockets took it */
  public int push(String chatSessionId, Map<String, ?> frame) {
    Set<WebSocketSession> open = sockets.get(chatSessionId);
    if (open == null) {
      return 0;
    }
    TextMessage message = new TextMessage(json(frame));
    int sent = 0;
    for (WebSocketSession socket : open) {
      if (send(socket, message)) {
        sent++;
      }
    }
    return sent;
  }

  boolean send(WebSocketSession socket, Map<String, ?> frame) {
    return send(socket, new TextMessage(json(frame)));
  }

  private boolean send(WebSocketSession socket, TextMessage message) {
    if (!socket.isOpen()) {
      return false;
    }
    try {
      socket.sendMessage(message);
      return true;
    } catch (IOException | RuntimeException e) {
      log.debug("Web chat socket {} did not take a frame: {}", socket.getId(), e.toString());
      return false;
    }
  }

  /** An agent started or stopped typing in the session's conversation. */
  public int agentTyping(String chatSessionId, boolean active) {
    return push(chatSessionId, Map.of("type", "typing", "active", active));
  }

  void visitorTyping(String tenantId, String chatSessionId, boolean active) {
    Instant now = clock.instant();
    if (active) {
      visitorTyping.put(chatSessionId, now);
    } else {
      visitorTyping.remove(chatSessionId);
    }
    events.publishEvent(new VisitorTyping(tenantId, chatSessionId, active, now));
  }

  /** Typing counts for ten seconds after the last typing frame, so a widget that vanished stops "typing". */
  public Presence presence(String chatSessionId) {
    Instant since = visitorTyping.get(chatSessionId);
    boolean typing = since != null && since.plusSeconds(10).isAfter(clock.instant());
    return new Presence(online(chatSessionId), typing);
  }

  Optional<Instant> typingSince(String chatSessionId) {
    return Optional.ofNullable(visitorTyping.get(chatSessionId));
  }

  /** Tells the session's sockets it ended and closes them. */
  void ended(String chatSessionId) {
    Set<WebSocketSession> open = sockets.remove(chatSessionId);
    visitorTyping.remove(chatSessionId);
    if (open == null) {
      return;
    }
    TextMessage message = new TextMessage(json(Map.of("type", "ended")));
    for (WebSocketSession socket : open) {
      send(socket, message);
      try {
        socket.close(SESSION_ENDED);
      } catch (IOException | RuntimeException e) {
        log.debug("Web chat socket {} did not close cleanly: {}", socket.getId(), e.toString());
      }
    }
  }

  String json(Map<String, ?> frame) {
    try {
      return mapper.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
