package org.switchboard.caseapi.webchat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseAccess;

/**
 * What an agent working a case sees of its web chat and tells it: whether the visitor is connected and typing,
 * and "the agent is typing". Per node (docs/channels-webchat.md, "Several nodes"): presence and typing are what
 * this node's sockets know.
 */
@Component
public class WebChatAgentSide {

  private final CaseAccess cases;
  private final WebChatSessions sessions;
  private final WebChatHub hub;
  private final JdbcClient jdbc;

  public WebChatAgentSide(CaseAccess cases, WebChatSessions sessions, WebChatHub hub, JdbcClient jdbc) {
    this.cases = cases;
    this.sessions = sessions;
    this.hub = hub;
    this.jdbc = jdbc;
  }

  /** @param openSessions open web chat sessions of the case */
  public record Presence(int openSessions, boolean online, boolean typing) {
  }

  public Presence presence(String caseId) {
    List<String> open = openSessions(caseId);
    boolean online = open.stream().anyMatch(hub::online);
    boolean typing = open.stream().map(hub::presence).anyMatch(WebChatHub.Presence::typing);
    return new Presence(open.size(), online, typing);
  }

  /** @return how many sockets were told */
  public int agentTyping(String caseId, boolean active) {
    return openSessions(caseId).stream().mapToInt(id -> hub.agentTyping(id, active)).sum();
  }

  /** The case's sessions: those whose messages (provider id {@code <session id>:<client id>}) are on the case. */
  private List<String> openSessions(String caseId) {
    cases.require(caseId);
    List<String> ids = jdbc.sql("""
        SELECT DISTINCT SUBSTRING(provider_message_id, 1, 36) FROM message
        WHERE case_id = :c AND channel = 'WEBCHAT' AND direction = 'INBOUND'
        """).param("c", caseId).query(String.class).list();
    return ids.stream().filter(id -> sessions.find(id).filter(sessions::live).isPresent()).toList();
  }
}
