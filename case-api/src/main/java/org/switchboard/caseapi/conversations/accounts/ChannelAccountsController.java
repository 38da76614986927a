package org.switchboard.caseapi.conversations.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountAdmin.Definition;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;

@RestController
@RequestMapping("/api/v1/config/channels")
@Tag(name = "Channel configuration", description = "A tenant's numbers, mailboxes, pages and web chat")
public class ChannelAccountsController {

  private final ChannelAccountAdmin admin;
  private final EnvironmentChannelAccounts environment;

  public ChannelAccountsController(ChannelAccountAdmin admin, EnvironmentChannelAccounts environment) {
    this.admin = admin;
    this.environment = environment;
  }

  @GetMapping
  @Operation(summary = "Channel accounts of the caller's organisations (environment-defined ones included)")
  public List<AccountView> list(@RequestParam(required = false) String tenantId) {
    return admin.list(tenantId).stream().map(this::view).toList();
  }

  @GetMapping("/{accountId}")
  @Operation(summary = "A channel account")
  public AccountView get(@PathVariable String accountId) {
    return view(admin.get(accountId));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add a channel account; secrets are named by environment variable, never sent")
  public AccountView create(@Valid @RequestBody AccountRequest request) {
    return view(admin.create(request.definition()));
  }

  @PutMapping("/{accountId}")
  @Operation(summary = "Replace a channel account's settings (channel and tenant stay)")
  public AccountView update(@PathVariable String accountId, @Valid @RequestBody AccountRequest request) {
    return view(admin.update(accountId, request.definition()));
  }

  @PostMapping("/{accountId}/disable")
  @Operation(summary = "Disable a channel account: its webhooks refuse traffic from now on")
  public AccountView disable(@PathVariable String accountId) {
    return view(admin.disable(accountId));
  }

  /**
   * @param channel SMS, WHATSAPP, EMAIL, WEBCHAT, MESSENGER or INSTAGRAM (creation only)
   * @param provider twilio, meta, smtp, imap or webchat, as the channel allows
   * @param address E.164 number, WhatsApp phone number id, page id, mailbox address or web chat key
   * @param caseType case type of cases started from this account's messages
   * @param settings non-secret settings such as accountSid, baseUrl (provider API, for tests and staging), publicUrl
   * @param secretRefs secret name to the environment variable holding it, e.g. {"authToken": "TWILIO_AUTH_TOKEN_B"}
   */
  public record AccountRequest(
      @Size(max = 64) String tenantId,
      @Size(max = 20) String channel,
      @Size(max = 20) String provider,
      @Size(max = 320) String address,
      @Size(max = 64) String caseType,
      Map<String, String> settings,
      Map<String, String> secretRefs,
      Boolean enabled) {

    Definition definition() {
      return new Definition(tenantId, channel, provider, address, caseType, settings, secretRefs, enabled);
    }
  }

  /**
   * @param source {@code database} or {@code environment} (read-only: change the variables instead)
   * @param secretsConfigured per secret, whether its environment variable is set (values are never shown)
   */
  public record AccountView(String id, String tenantId, String channel, String provider, String address,
      String caseType, Map<String, String> settings, Map<String, String> secretRefs,
      Map<String, Boolean> secretsConfigured, boolean enabled, String source, Instant createdAt, Instant updatedAt) {
  }

  private AccountView view(StoredAccount s) {
    var a = s.account();
    return new AccountView(a.id(), a.tenantId(), a.channel().name(), a.provider(), a.address(), a.caseType(),
        a.settings(), a.secretRefs(), environment.secretsConfigured(a), s.enabled(),
        environment.isEnvironmentAccount(a.id()) ? "environment" : "database", s.createdAt(), s.updatedAt());
  }
}
