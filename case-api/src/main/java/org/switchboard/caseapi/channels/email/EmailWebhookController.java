package org.switchboard.caseapi.channels.email;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.conversations.InboundReception;

/** Inbound-parse webhook for providers that POST parsed mail (docs/channels-email.md). */
@RestController
@Tag(name = "Webhooks")
public class EmailWebhookController {

  private final ReceiveEmailWebhook receive;
  private final org.switchboard.caseapi.channels.WebhookAbuseGuard abuse;

  public EmailWebhookController(ReceiveEmailWebhook receive, org.switchboard.caseapi.channels.WebhookAbuseGuard abuse) {
    this.receive = receive;
    this.abuse = abuse;
  }

  @PostMapping(ReceiveEmailWebhook.PATH)
  @Operation(summary = "Receive a parsed email (HMAC-SHA256 signature in X-Switchboard-Signature)")
  public Map<String, Object> receive(@RequestBody byte[] body,
      @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
      @RequestParam(name = "account", required = false) String accountId, HttpServletRequest request) {
    InboundReception.Acceptance acceptance;
    try {
      acceptance = receive.receive(body, signature, accountId,
          new ReceiveEmailWebhook.Caller(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)));
    } catch (org.switchboard.caseapi.web.ApiException e) {
      if (e.status() == org.springframework.http.HttpStatus.FORBIDDEN) {
        abuse.refused(request);
      }
      throw e;
    }
    return Map.of("messageId", acceptance.messageId(), "duplicate", acceptance.duplicate());
  }
}
