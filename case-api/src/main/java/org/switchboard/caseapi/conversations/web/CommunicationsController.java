package org.switchboard.caseapi.conversations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.conversations.web.CommunicationsQueries.InboxItem;
import org.switchboard.caseapi.conversations.web.CommunicationsQueries.InboxParams;
import org.switchboard.caseapi.conversations.web.CommunicationsQueries.MessageView;

@RestController
@RequestMapping("/api/v1/communications")
@Tag(name = "Communications", description = "Unified inbox and cross-channel message history")
public class CommunicationsController {

  private final CommunicationsQueries queries;

  public CommunicationsController(CommunicationsQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/inbox")
  @Operation(summary = "Conversations across channels of the cases the caller may see, newest activity first")
  public Page<InboxItem> inbox(
      @Parameter(description = "SMS, WHATSAPP, EMAIL, WEBCHAT, MESSENGER or INSTAGRAM")
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String caseId,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) Boolean unreadOnly,
      @RequestParam(required = false) Integer page,
      @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer size) {
    return queries.inbox(new InboxParams(channel, caseId, team, assignee, unreadOnly, page, size));
  }

  @GetMapping
  @Operation(summary = "Messages of a case or of a contact across channels, oldest first (audited)")
  public Page<MessageView> timeline(
      @RequestParam(required = false) String caseId,
      @RequestParam(required = false) String contactId,
      @RequestParam(required = false) Integer page,
      @Parameter(description = "1..200, default 50") @RequestParam(required = false) Integer size) {
    return queries.timeline(caseId, contactId, page, size);
  }

  @PostMapping("/conversations/{conversationId}/read")
  @Operation(summary = "Mark a conversation read: its unread count becomes 0")
  public Map<String, Object> read(@PathVariable String conversationId) {
    return queries.markRead(conversationId);
  }
}
