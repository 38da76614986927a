package org.switchboard.caseapi.ai.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.ai.providers.ProviderRegistry;
import org.switchboard.caseapi.ai.providers.SecretResolver;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.security.OutboundUrlPolicy;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.ai.AiService;

/**
 * Changes a tenant's configuration of one service: the one-click toggle, or the whole configuration (chain,
 * settings with secret references, redaction, quota). Validated as a whole before anything is written; saved with
 * an optimistic lock (409 when someone else saved in between) and audited with the names of the changed fields.
 */
@Component
public class ConfigureAiServiceUseCase {

  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  /** Setting names that hold secrets: those go into secretRefs as environment variable names. */
  private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "token", "apikey",
      "api_key", "api-key", "credential", "privatekey", "private_key");
  private static final int MAX_PROVIDERS = 10;
  private static final int MAX_SETTINGS = 30;
  private static final int MAX_VALUE = 2000;

  private final AiServiceConfigs configs;
  private final AiConfigRepository repository;
  private final ProviderRegistry registry;
  private final AuditRecorder audit;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final OutboundUrlPolicy urls;

  public ConfigureAiServiceUseCase(AiServiceConfigs configs, AiConfigRepository repository, ProviderRegistry registry,
      AuditRecorder audit, Clock clock, PlatformTransactionManager transactions, OutboundUrlPolicy urls) {
    this.urls = urls;
    this.configs = configs;
    this.repository = repository;
    this.registry = registry;
    this.audit = audit;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /** The new configuration; {@code enabled} null keeps the current toggle, {@code expectedVersion} null skips the check. */
  public record Change(Boolean enabled, List<ProviderChoice> providers, boolean redaction, Integer quotaLimit,
      QuotaPeriod quotaPeriod, Integer expectedVersion) {
  }

  public AiServiceConfig toggle(String tenantId, AiService service, boolean enabled) {
    AiServiceConfig current = configs.effective(tenantId, service);
    return save(current, current.withEnabled(enabled));
  }

  public AiServiceConfig update(String tenantId, AiService service, Change change) {
    List<FieldError> errors = validate(service, change);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    AiServiceConfig current = configs.effective(tenantId, service);
    if (change.expectedVersion() != null && change.expectedVersion() != current.version()) {
      throw ApiException.conflict("The configuration of " + AiServiceIds.idOf(service)
          + " changed since version " + change.expectedVersion() + "; reload and try again");
    }
    AiServiceConfig next = new AiServiceConfig(tenantId, service,
        change.enabled() == null ? current.enabled() : change.enabled(), change.providers(), change.redaction(),
        change.quotaLimit(), change.quotaPeriod() == null ? QuotaPeriod.DAY : change.quotaPeriod(),
        current.version(), current.stored());
    return save(current, next);
  }

  private AiServiceConfig save(AiServiceConfig current, AiServiceConfig next) {
    String user = CurrentUser.get().userId();
    Map<String, Object> before = new LinkedHashMap<>();
    Map<String, Object> after = new LinkedHashMap<>();
    diff("enabled", current.enabled(), next.enabled(), before, after);
    diff("providers", ids(current), ids(next), before, after);
    if (!current.providers().equals(next.providers()) && ids(current).equals(ids(next))) {
      // Same chain, other settings: name the settings, never their values (URLs and env names are not secret,
      // but settings are free text).
      before.put("providerSettings", settingNames(current));
      after.put("providerSettings", settingNames(next));
    }
    diff("redaction", current.redaction(), next.redaction(), before, after);
    diff("quotaLimit", current.quotaLimit(), next.quotaLimit(), before, after);
    diff("quotaPeriod", current.quotaPeriod(), next.quotaPeriod(), before, after);
    tx.executeWithoutResult(s -> {
      if (!repository.save(next, clock.instant(), user)) {
        throw ApiException.conflict("The configuration of " + AiServiceIds.idOf(next.service())
            + " was changed by someone else at the same time; reload and try again");
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("service", AiServiceIds.idOf(next.service()));
      details.put("fields", List.copyOf(after.keySet()));
      details.put("before", before);
      details.put("after", after);
      audit.record(AuditActions.AI_SERVICE_CONFIGURED, user, next.tenantId(), "ai-service",
          AiServiceIds.idOf(next.service()), Outcome.SUCCESS, details);
    });
    return configs.effective(next.tenantId(), next.service());
  }

  private List<FieldError> validate(AiService service, Change change) {
    List<FieldError> errors = new ArrayList<>();
    List<ProviderChoice> chain = change.providers();
    if (chain == null || chain.isEmpty()) {
      errors.add(new FieldError("providers", "must name at least one provider"));
      return errors;
    }
    if (chain.size() > MAX_PROVIDERS) {
      errors.add(new FieldError("providers", "may name at most " + MAX_PROVIDERS + " providers"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < chain.size(); i++) {
      ProviderChoice p = chain.get(i);
      String at = "providers[" + i + "]";
      if (p == null || p.id() == null || p.id().isBlank()) {
        errors.add(new FieldError(at + ".id", "is required"));
        continue;
      }
      if (!registry.knows(service, p.id())) {
        errors.add(new FieldError(at + ".id", "is not a provider of " + AiServiceIds.idOf(service)
            + "; installed: " + String.join(", ", registry.providerIds(service))));
      }
      if (!seen.add(p.id())) {
        errors.add(new FieldError(at + ".id", "appears twice in the chain"));
      }
      if (p.settings().size() + p.secretRefs().size() > MAX_SETTINGS) {
        errors.add(new FieldError(at + ".settings", "may hold at most " + MAX_SETTINGS + " entries"));
      }
      p.settings().forEach((name, value) -> {
        String field = at + ".settings." + name;
        if (!SETTING_NAME.matcher(name).matches()) {
          errors.add(new FieldError(field, "is not a valid setting name"));
        } else if (secretName(name)) {
          errors.add(new FieldError(field, "looks like a secret: put the NAME of an environment variable holding "
              + "it into secretRefs." + name + " instead"));
        } else if (value == null || value.length() > MAX_VALUE) {
          errors.add(new FieldError(field, "must be a text of at most " + MAX_VALUE + " characters"));
        } else if (name.equals("timeoutMs") && !validTimeout(value)) {
          errors.add(new FieldError(field, "must be a whole number of milliseconds between 1 and 600000"));
        } else if (urlName(name) && urls.refusal(value) != null) {
          // A tenant admin must not point the server at internal addresses (SSRF).
          errors.add(new FieldError(field, urls.refusal(value)));
        }
      });
      p.secretRefs().forEach((name, variable) -> {
        String field = at + ".secretRefs." + name;
        if (!SETTING_NAME.matcher(name).matches()) {
          errors.add(new FieldError(field, "is not a valid setting name"));
        } else if (!SecretResolver.validName(variable)) {
          errors.add(new FieldError(field, "must be the name of an environment variable (A-Z, 0-9, _), "
              + "not the secret itself"));
        }
        if (p.settings().containsKey(name)) {
          errors.add(new FieldError(field, "is also given in settings"));
        }
      });
    }
    if (change.quotaLimit() != null && change.quotaLimit() < 1) {
      errors.add(new FieldError("quota.limit", "must be at least 1, or null for no quota"));
    }
    return errors;
  }

  private static boolean secretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("key") || SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  private static boolean urlName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith("url") || lower.endsWith("uri") || lower.endsWith("endpoint");
  }

  private static boolean validTimeout(String value) {
    try {
      long ms = Long.parseLong(value.trim());
      return ms >= 1 && ms <= 600_000;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void diff(String field, Object before, Object after, Map<String, Object> b, Map<String, Object> a) {
    if (!Objects.equals(before, after)) {
      b.put(field, before == null ? "none" : before instanceof Enum<?> e ? e.name() : before);
      a.put(field, after == null ? "none" : after instanceof Enum<?> e ? e.name() : after);
    }
  }

  private static List<String> ids(AiServiceConfig config) {
    return config.providers().stream().map(ProviderChoice::id).toList();
  }

  private static Map<String, List<String>> settingNames(AiServiceConfig config) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    config.providers().forEach(p -> {
      List<String> n = new ArrayList<>(p.settings().keySet());
      p.secretRefs().keySet().forEach(s -> n.add("secretRefs." + s));
      names.put(p.id(), n);
    });
    return names;
  }
}
