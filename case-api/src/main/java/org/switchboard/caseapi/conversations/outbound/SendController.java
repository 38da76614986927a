package org.switchboard.caseapi.conversations.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.workers.channels.Channel;

@RestController
@Validated
@RequestMapping("/api/v1/communications")
@Tag(name = "Outbound messages", description = "Agent sends on every channel, idempotent, checked against the "
    + "contact's preferences and the 24-hour window; sent by external-task workers")
public class SendController {

  /** Client-chosen key (max 200 characters): a repeat answers with the first message and sends nothing. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final URI TYPE_REFUSED = URI.create("https://switchboard.dev/problems/send-refused");

  private final SendMessageUseCase send;
  private final MessageQuery query;

  public SendController(SendMessageUseCase send, MessageQuery query) {
    this.send = send;
    this.query = query;
  }

  @PostMapping("/sms/send")
  @Operation(summary = "Send an SMS (MMS with attachments); 202 with the queued message")
  public ResponseEntity<MessageView> sms(@Valid @RequestBody SendRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String key) {
    return accepted(send.send(Channel.SMS, request, key));
  }

  @PostMapping("/whatsapp/send")
  @Operation(summary = "Send a WhatsApp message; outside the 24-hour window only an approved template")
  public ResponseEntity<MessageView> whatsapp(@Valid @RequestBody SendRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String key) {
    return accepted(send.send(Channel.WHATSAPP, request, key));
  }

  @PostMapping("/email/send")
  @Operation(summary = "Send an email (threaded under the contact's last email of the case)")
  public ResponseEntity<MessageView> email(@Valid @RequestBody SendRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String key) {
    return accepted(send.send(Channel.EMAIL, request, key));
  }

  @PostMapping("/webchat/send")
  @Operation(summary = "Send a web chat message to the contact's chat session")
  public ResponseEntity<MessageView> webchat(@Valid @RequestBody SendRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String key) {
    return accepted(send.send(Channel.WEBCHAT, request, key));
  }

  @PostMapping("/messenger/send")
  @Operation(summary = "Send a Facebook Messenger or Instagram message (field channel); within the 24-hour window")
  public ResponseEntity<MessageView> messenger(@Valid @RequestBody SendRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String key) {
    return accepted(send.send(Channel.MESSENGER, request, key));
  }

  @GetMapping("/messages/{messageId}")
  @Operation(summary = "An outbound message and its delivery state (audited)")
  public MessageView message(@PathVariable String messageId) {
    return query.get(messageId);
  }

  /** 422 with the refusal code (docs/outbound.md): nothing was stored. */
  @ExceptionHandler(SendRefusal.class)
  ResponseEntity<ProblemDetail> refused(SendRefusal refusal) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, refusal.reason());
    problem.setTitle("Send refused");
    problem.setType(TYPE_REFUSED);
    problem.setProperty("code", refusal.code());
    problem.setProperty("reason", refusal.reason());
    if (refusal.lastInboundAt() != null) {
      problem.setProperty("lastInboundAt", refusal.lastInboundAt().toString());
    }
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(problem);
  }

  private static ResponseEntity<MessageView> accepted(SendMessageUseCase.Accepted accepted) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
        .body(accepted.message());
  }
}
