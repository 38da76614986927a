package org.switchboard.caseapi.channels.twilio;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Twilio's webhooks; authenticated by {@code X-Twilio-Signature} only (docs/channels-twilio-meta.md). */
@RestController
@Tag(name = "Webhooks", description = "Provider callbacks, authenticated by the provider's signature")
public class TwilioWebhookController {

  /** An empty TwiML document: the message is taken, no automatic reply. */
  static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  private final TwilioWebhooks webhooks;

  public TwilioWebhookController(TwilioWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Operation(summary = "Inbound SMS, MMS and WhatsApp message from Twilio (form-encoded, signed)")
  @PostMapping(path = "/webhooks/twilio/sms", produces = MediaType.APPLICATION_XML_VALUE)
  public ResponseEntity<String> inbound(HttpServletRequest request) {
    webhooks.receive(request);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
  }

  @Operation(summary = "Delivery status callback from Twilio (form-encoded, signed)")
  @PostMapping(path = "/webhooks/twilio/status")
  public ResponseEntity<Void> status(HttpServletRequest request) {
    webhooks.status(request);
    return ResponseEntity.ok().build();
  }
}
