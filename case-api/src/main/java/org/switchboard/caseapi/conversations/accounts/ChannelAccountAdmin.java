package org.switchboard.caseapi.conversations.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.casetypes.CaseTypeCatalog;
import org.switchboard.caseapi.contacts.ContactHandles;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.security.OutboundUrlPolicy;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * Channel account configuration (docs/conversations.md, "Configuration"): administrators for every tenant, tenant
 * administrators for theirs. Secrets are never accepted, only the names of the environment variables holding them.
 * Every change is audited with the names of the changed fields.
 */
@Component
public class ChannelAccountAdmin {

  /** Providers each channel can run on. */
  static final Map<Channel, Set<String>> PROVIDERS = Map.of(
      Channel.SMS, Set.of("twilio"),
      Channel.WHATSAPP, Set.of("meta", "twilio"),
      Channel.EMAIL, Set.of("smtp", "imap"),
      Channel.WEBCHAT, Set.of("webchat"),
      Channel.MESSENGER, Set.of("meta"),
      Channel.INSTAGRAM, Set.of("meta"));
  private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
  private static final Pattern SETTING = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final ChannelAccountRepository repository;
  private final JdbcChannelAccounts accounts;
  private final TenantDirectory tenants;
  private final CaseTypeCatalog caseTypes;
  private final ContactHandles handles;
  private final OutboundUrlPolicy urlPolicy;
  private final AuditRecorder audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public ChannelAccountAdmin(ChannelAccountRepository repository, JdbcChannelAccounts accounts,
      TenantDirectory tenants, CaseTypeCatalog caseTypes, ContactHandles handles, OutboundUrlPolicy urlPolicy,
      AuditRecorder audit, TransactionTemplate transaction, Clock clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.tenants = tenants;
    this.caseTypes = caseTypes;
    this.handles = handles;
    this.urlPolicy = urlPolicy;
    this.audit = audit;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** What a caller asks for; {@code channel} and {@code tenantId} count on creation only. */
  public record Definition(String tenantId, String channel, String provider, String address, String caseType,
      Map<String, String> settings, Map<String, String> secretRefs, Boolean enabled) {
  }

  public List<StoredAccount> list(String tenantId) {
    CurrentUser user = CurrentUser.get();
    List<String> scope = new ArrayList<>();
    if (tenantId != null && !tenantId.isBlank()) {
      if (!user.canAccessTenant(tenantId)) {
        return List.of();
      }
      scope.add(tenantId);
    } else if (user.isAdmin()) {
      tenants.all().forEach(t -> scope.add(t.id()));
    } else {
      scope.addAll(user.tenantIds());
    }
    List<StoredAccount> result = new ArrayList<>();
    scope.stream().sorted().forEach(t -> result.addAll(accounts.all(t)));
    return result;
  }

  public StoredAccount get(String accountId) {
    return accounts.anyById(accountId).filter(a -> CurrentUser.get().canAccessTenant(a.account().tenantId()))
        .orElseThrow(() -> ApiException.notFound("Channel account", accountId));
  }

  public StoredAccount create(Definition d) {
    CurrentUser user = CurrentUser.get();
    List<FieldError> errors = new ArrayList<>();
    String tenantId = d.tenantId();
    if (tenantId == null || tenantId.isBlank()) {
      if (user.tenantIds().size() == 1) {
        tenantId = user.tenantIds().iterator().next();
      } else {
        errors.add(new FieldError("tenantId", "is required: you belong to "
            + (user.tenantIds().isEmpty() ? "no organisation" : "several organisations")));
      }
    } else if (!user.canAccessTenant(tenantId) || tenants.find(tenantId).isEmpty()) {
      errors.add(new FieldError("tenantId", "is not an organisation you can access"));
      tenantId = null;
    }
    Channel channel = null;
    if (d.channel() == null || d.channel().isBlank()) {
      errors.add(new FieldError("channel", "is required"));
    } else {
      try {
        channel = Channel.valueOf(d.channel().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("channel", "must be one of " + List.of(Channel.values())));
      }
    }
    ChannelAccount account = validated(UUID.randomUUID().toString(), tenantId, channel, d, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Instant now = clock.instant();
    StoredAccount stored = new StoredAccount(account, d.enabled() == null || d.enabled(), now, now);
    refuseEnvironmentAddress(account);
    try {
      transaction.executeWithoutResult(s -> {
        repository.insert(stored);
        audit.success(AuditActions.CHANNEL_ACCOUNT_CREATED, account.tenantId(), "channel_account", account.id(),
            details(account, stored.enabled(), List.of("channel", "provider", "address", "caseType", "settings",
                "secretRefs", "enabled")));
      });
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict("Another channel account already has this " + account.channel() + " address");
    }
    accounts.evictAll();
    return stored;
  }

  public StoredAccount update(String accountId, Definition d) {
    StoredAccount current = get(accountId);
    refuseEnvironmentAccount(current);
    List<FieldError> errors = new ArrayList<>();
    ChannelAccount account = validated(accountId, current.account().tenantId(), current.account().channel(), d,
        errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    refuseEnvironmentAddress(account);
    boolean enabled = d.enabled() == null ? current.enabled() : d.enabled();
    StoredAccount updated = new StoredAccount(account, enabled, current.createdAt(), clock.instant());
    try {
      transaction.executeWithoutResult(s -> {
        repository.findByIdForUpdate(accountId).orElseThrow(() -> ApiException.notFound("Channel account", accountId));
        repository.update(updated);
        audit.success(AuditActions.CHANNEL_ACCOUNT_UPDATED, account.tenantId(), "channel_account", accountId,
            details(account, enabled, changed(current, updated)));
      });
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict("Another channel account already has this " + account.channel() + " address");
    }
    accounts.evictAll();
    return updated;
  }

  public StoredAccount disable(String accountId) {
    StoredAccount current = get(accountId);
    refuseEnvironmentAccount(current);
    StoredAccount disabled = new StoredAccount(current.account(), false, current.createdAt(), clock.instant());
    transaction.executeWithoutResult(s -> {
      repository.findByIdForUpdate(accountId).orElseThrow(() -> ApiException.notFound("Channel account", accountId));
      repository.update(disabled);
      audit.success(AuditActions.CHANNEL_ACCOUNT_DISABLED, current.account().tenantId(), "channel_account", accountId,
          details(current.account(), false, List.of("enabled")));
    });
    accounts.evictAll();
    return disabled;
  }

  private ChannelAccount validated(String id, String tenantId, Channel channel, Definition d,
      List<FieldError> errors) {
    String provider = d.provider() == null ? null : d.provider().strip().toLowerCase(Locale.ROOT);
    if (provider == null || provider.isEmpty()) {
      errors.add(new FieldError("provider", "is required"));
    } else if (channel != null && !PROVIDERS.get(channel).contains(provider)) {
      errors.add(new FieldError("provider", "must be one of " + PROVIDERS.get(channel).stream().sorted().toList()
          + " for " + channel));
    }
    String address = d.address() == null ? null : d.address().strip();
    if (address == null || address.isEmpty()) {
      errors.add(new FieldError("address", "is required"));
    } else if (address.length() > 320) {
      errors.add(new FieldError("address", "must be at most 320 characters"));
    } else if (channel == Channel.SMS || channel == Channel.WHATSAPP && "twilio".equals(provider)) {
      var e164 = handles.e164(address, false);
      if (e164.isEmpty()) {
        errors.add(new FieldError("address", "must be a phone number in E.164 form, e.g. +441632960123"));
      } else {
        address = e164.get();
      }
    } else if (channel == Channel.EMAIL) {
      if (!EMAIL.matcher(address).matches()) {
        errors.add(new FieldError("address", "must be an email address"));
      }
      address = address.toLowerCase(Locale.ROOT);
    }
    String caseType = d.caseType() == null || d.caseType().isBlank() ? null : d.caseType().strip();
    if (caseType != null && tenantId != null && caseTypes.resolve(tenantId, caseType).isEmpty()) {
      errors.add(new FieldError("caseType", "is not a case type of this organisation"));
    }
    Map<String, String> settings = d.settings() == null ? Map.of() : d.settings();
    settings.forEach((name, value) -> {
      if (name == null || !SETTING.matcher(name).matches()) {
        errors.add(new FieldError("settings", "names must be letters, digits, '_', '.' or '-' (at most 64)"));
      } else if (value == null || value.length() > 2000) {
        errors.add(new FieldError("settings." + name, "must be a text of at most 2000 characters"));
      } else if (name.toLowerCase(Locale.ROOT).endsWith("baseurl")) {
        String refusal = urlPolicy.refusal(value);
        if (refusal != null) {
          errors.add(new FieldError("settings." + name, refusal));
        }
      } else if (looksSecret(name)) {
        errors.add(new FieldError("settings." + name, "looks like a secret: name its environment variable in "
            + "secretRefs instead"));
      }
    });
    Map<String, String> secretRefs = d.secretRefs() == null ? Map.of() : d.secretRefs();
    secretRefs.forEach((name, variable) -> {
      if (name == null || !SETTING.matcher(name).matches()) {
        errors.add(new FieldError("secretRefs", "names must be letters, digits, '_', '.' or '-' (at most 64)"));
      } else if (variable == null || !VARIABLE.matcher(variable).matches()) {
        errors.add(new FieldError("secretRefs." + name, "must name an environment variable (A-Z, 0-9, _), never "
            + "hold the secret itself"));
      }
    });
    if (!errors.isEmpty() || channel == null || tenantId == null) {
      return null;
    }
    return new ChannelAccount(id, tenantId, channel, provider, address, caseType, settings, secretRefs);
  }

  private static boolean looksSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("password") || n.contains("secret") || n.contains("token") || n.endsWith("key");
  }

  private void refuseEnvironmentAccount(StoredAccount account) {
    if (accounts.fromEnvironment(account.account().id())) {
      throw ApiException.conflict("Channel account " + account.account().id() + " is defined by environment "
          + "variables; change them and restart instead");
    }
  }

  private void refuseEnvironmentAddress(ChannelAccount account) {
    boolean taken = accounts.all(TenantDirectory.DEFAULT_TENANT).stream()
        .filter(a -> accounts.fromEnvironment(a.account().id()))
        .anyMatch(a -> a.account().channel() == account.channel()
            && a.account().address().equalsIgnoreCase(account.address()));
    if (taken) {
      throw ApiException.conflict("Another channel account already has this " + account.channel() + " address");
    }
  }

  private static List<String> changed(StoredAccount before, StoredAccount after) {
    ChannelAccount a = before.account();
    ChannelAccount b = after.account();
    List<String> fields = new ArrayList<>();
    if (!Objects.equals(a.provider(), b.provider())) {
      fields.add("provider");
    }
    if (!Objects.equals(a.address(), b.address())) {
      fields.add("address");
    }
    if (!Objects.equals(a.caseType(), b.caseType())) {
      fields.add("caseType");
    }
    if (!Objects.equals(a.settings(), b.settings())) {
      fields.add("settings");
    }
    if (!Objects.equals(a.secretRefs(), b.secretRefs())) {
      fields.add("secretRefs");
    }
    if (before.enabled() != after.enabled()) {
      fields.add("enabled");
    }
    return fields;
  }

  private static Map<String, Object> details(ChannelAccount a, boolean enabled, List<String> fields) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("channel", a.channel().name());
    details.put("provider", a.provider());
    details.put("enabled", enabled);
    details.put("fields", List.copyOf(fields));
    return details;
  }
}
