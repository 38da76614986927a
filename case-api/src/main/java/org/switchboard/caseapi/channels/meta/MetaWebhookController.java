package org.switchboard.caseapi.channels.meta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Meta's webhook (WhatsApp Cloud API, Messenger, Instagram); authenticated by {@code X-Hub-Signature-256}. */
@RestController
@Tag(name = "Webhooks", description = "Provider callbacks, authenticated by the provider's signature")
public class MetaWebhookController {

  private final MetaWebhooks webhooks;

  public MetaWebhookController(MetaWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Operation(summary = "Meta subscription handshake: echoes hub.challenge when hub.verify_token matches")
  @GetMapping(path = "/webhooks/meta", produces = MediaType.TEXT_PLAIN_VALUE)
  public ResponseEntity<String> handshake(@RequestParam(name = "hub.mode", required = false) String mode,
      @RequestParam(name = "hub.verify_token", required = false) String verifyToken,
      @RequestParam(name = "hub.challenge", required = false) String challenge,
      @RequestParam(name = "account", required = false) String account) {
    // The challenge is echoed verbatim: plain text, never sniffed into HTML.
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).header("X-Content-Type-Options", "nosniff")
        .body(webhooks.handshake(mode, verifyToken, challenge, account));
  }

  @Operation(summary = "Meta notification: WhatsApp messages and statuses, Messenger and Instagram messaging events")
  @PostMapping(path = "/webhooks/meta")
  public ResponseEntity<Void> notification(@RequestBody(required = false) byte[] body,
      @RequestHeader(name = MetaSignature.HEADER, required = false) String signature) {
    webhooks.receive(body == null ? new byte[0] : body, signature);
    return ResponseEntity.ok().build();
  }
}
