package org.switchboard.caseapi.webchat;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/**
 * Per node, every {@code switchboard.webchat.push-interval}: pushes agent messages that another node stored (its
 * {@link WebChatSender} had no socket of the session) to the sockets open on this node, and ends sessions that
 * idled out or grew too old. This is what lets several app nodes serve web chat without sticky sessions, at the
 * cost of up to one interval of latency for messages sent from another node. It also tells the widget how far
 * the visitor's own messages got (delivered: on the case; read: an agent opened the conversation since).
 */
@Component
public class WebChatPushJob extends PeriodicJobScheduler {

  public WebChatPushJob(WebChatTranscript transcript, WebChatHub hub, WebChatSessions sessions,
      WebChatProperties properties, Clock clock) {
    super("webchat-push", properties.pushEnabled(), properties.pushInterval(),
        () -> round(transcript, hub, sessions, clock), clock);
  }

  static void round(WebChatTranscript transcript, WebChatHub hub, WebChatSessions sessions, Clock clock) {
    Set<String> connected = hub.connectedSessions();
    for (WebChatEntry entry : transcript.unpushed(connected)) {
      if (hub.push(entry.sessionId(), WebChatSocketHandler.entryFrame(entry)) > 0) {
        transcript.markPushed(entry.id(), clock.instant());
      }
    }
    for (WebChatTranscript.Progress p : transcript.advanceVisitorMessages(connected)) {
      hub.push(p.sessionId(), Map.of("type", "status", "messageId", p.id(),
          "state", p.state().toLowerCase(Locale.ROOT)));
    }
    sessions.endOverdue();
  }
}
