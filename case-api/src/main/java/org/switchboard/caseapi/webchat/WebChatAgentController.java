package org.switchboard.caseapi.webchat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The agent's side of a case's web chat: visitor presence and typing, agent typing. */
@RestController
@Tag(name = "Web chat", description = "The agent side of a case's web chat: visitor presence and typing")
public class WebChatAgentController {

  private final WebChatAgentSide agentSide;

  public WebChatAgentController(WebChatAgentSide agentSide) {
    this.agentSide = agentSide;
  }

  /** @param active true while the agent types; false or absent when they stopped */
  public record TypingRequest(Boolean active) {
  }

  @GetMapping("/api/v1/cases/{caseId}/webchat/presence")
  @Operation(summary = "Whether the case's web chat visitor is connected and typing (as this node knows it)")
  public WebChatAgentSide.Presence presence(@PathVariable String caseId) {
    return agentSide.presence(caseId);
  }

  @PostMapping("/api/v1/cases/{caseId}/webchat/typing")
  @Operation(summary = "Shows or hides \"typing\" in the case's web chat widget (204)")
  public ResponseEntity<Void> typing(@PathVariable String caseId, @RequestBody(required = false) TypingRequest body) {
    agentSide.agentTyping(caseId, body != null && Boolean.TRUE.equals(body.active()));
    return ResponseEntity.noContent().build();
  }
}
