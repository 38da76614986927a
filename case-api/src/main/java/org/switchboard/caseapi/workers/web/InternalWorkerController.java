package org.switchboard.caseapi.workers.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.caseapi.workers.RemoteWorkerGateway;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.remote.LedgerWire.ClaimResult;

/** Endpoints for remote external-task workers (service accounts only): the send ledger and channel accounts. */
@RestController
@RequestMapping("/api/v1/internal")
@Tag(name = "Remote workers", description = "Send ledger and channel accounts for external-task workers running "
    + "in a separate process (service accounts only)")
public class InternalWorkerController {

  private final RemoteWorkerGateway gateway;

  public InternalWorkerController(RemoteWorkerGateway gateway) {
    this.gateway = gateway;
  }

  @PostMapping("/outbound-messages/{messageId}/claim")
  @Operation(summary = "Claim an outbound message for sending (idempotency: a message is handed out to send once)")
  public ClaimResult claim(@PathVariable String messageId, @Valid @RequestBody ClaimRequest request) {
    return ClaimResult.of(gateway.claim(messageId, request.jobId()));
  }

  @PostMapping("/outbound-messages/{messageId}/sent")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Record that the provider took a claimed message")
  public void sent(@PathVariable String messageId, @Valid @RequestBody SentRequest request) {
    gateway.sent(messageId, new SendReceipt(request.providerMessageId(), request.state()));
  }

  @PostMapping("/outbound-messages/{messageId}/refused")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Record a business refusal of a claimed message (final)")
  public void refused(@PathVariable String messageId, @Valid @RequestBody RefusedRequest request) {
    gateway.refused(messageId, request.code(), request.reason());
  }

  @PostMapping("/outbound-messages/{messageId}/failed")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Release the claim after a technical failure before the provider took the message")
  public void failed(@PathVariable String messageId, @Valid @RequestBody FailedRequest request) {
    gateway.failed(messageId, request.reason());
  }

  @PostMapping("/webchat/deliver")
  @Operation(summary = "Push a claimed web chat reply to the visitor (remote workers: the sockets live here)")
  public org.switchboard.workers.remote.HttpWebChatSender.Delivery deliverWebChat(
      @RequestBody org.switchboard.workers.channels.OutboundMessage message) {
    return gateway.deliverWebChat(message);
  }

  @GetMapping("/channel-accounts/{accountId}")
  @Operation(summary = "A channel account (secrets as environment variable names)")
  public ChannelAccount account(@PathVariable String accountId) {
    return gateway.account(accountId);
  }

  @GetMapping("/channel-accounts")
  @Operation(summary = "Channel accounts of a tenant (tenantId), or the account owning an address (channel and "
      + "address)")
  public List<ChannelAccount> accounts(@RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String channel, @RequestParam(required = false) String address) {
    boolean byTenant = tenantId != null;
    boolean byAddress = channel != null || address != null;
    List<FieldError> errors = new ArrayList<>();
    if (byTenant == byAddress) {
      errors.add(new FieldError("tenantId", "give either tenantId, or channel and address"));
    }
    Channel parsed = null;
    if (byAddress) {
      parsed = parseChannel(channel, errors);
      if (address == null || address.isBlank()) {
        errors.add(new FieldError("address", "must not be blank"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return byTenant ? gateway.accountsOfTenant(tenantId) : gateway.accountByAddress(parsed, address);
  }

  private static Channel parseChannel(String channel, List<FieldError> errors) {
    try {
      if (channel != null) {
        return Channel.valueOf(channel);
      }
    } catch (IllegalArgumentException unknown) {
      // reported below
    }
    errors.add(new FieldError("channel", "must be one of " + List.of(Channel.values())));
    return null;
  }

  public record ClaimRequest(@NotBlank @Size(max = 64) String jobId) {
  }

  public record SentRequest(@NotBlank @Size(max = 500) String providerMessageId, @NotNull DeliveryState state) {
  }

  public record RefusedRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,99}") String code,
      @Size(max = 500) String reason) {
  }

  public record FailedRequest(@NotBlank @Size(max = 500) String reason) {
  }
}
