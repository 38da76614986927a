package org.switchboard.caseapi.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiOutcome.Attempt;
import org.switchboard.caseapi.ai.AiOutcome.QuotaState;
import org.switchboard.caseapi.ai.AiOutcome.Status;
import org.switchboard.caseapi.ai.config.AiServiceConfig;
import org.switchboard.caseapi.ai.config.AiServiceConfigs;
import org.switchboard.caseapi.ai.config.ProviderChoice;
import org.switchboard.caseapi.ai.providers.AiExecutor;
import org.switchboard.caseapi.ai.providers.CircuitBreakers;
import org.switchboard.caseapi.ai.providers.ProviderRegistry;
import org.switchboard.caseapi.ai.redaction.PiiRedaction;
import org.switchboard.caseapi.ai.redaction.Redactor;
import org.switchboard.caseapi.ai.results.AiResults;
import org.switchboard.caseapi.ai.results.ResultCache;
import org.switchboard.caseapi.ai.usage.UsageMeter;
import org.switchboard.workers.ai.AiProvider;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.AiUnavailableException;

/**
 * The one path every AI call takes: tenant configuration → quota → along the provider chain (cache, availability,
 * redaction, circuit, call with timeout on the bounded pool) → meter → audit record. {@link AiGateway} has one
 * method per service on top of it.
 */
@Component
public class AiCalls {

  private static final Logger log = LoggerFactory.getLogger(AiCalls.class);

  private final AiServiceConfigs configs;
  private final ProviderRegistry registry;
  private final CircuitBreakers circuits;
  private final AiExecutor executor;
  private final UsageMeter meter;
  private final ResultCache cache;
  private final AiResults results;
  private final PiiRedaction redaction;
  private final ObjectMapper mapper;
  private final AiGatewayProperties properties;

  public AiCalls(AiServiceConfigs configs, ProviderRegistry registry, CircuitBreakers circuits, AiExecutor executor,
      UsageMeter meter, ResultCache cache, AiResults results, PiiRedaction redaction, ObjectMapper mapper,
      AiGatewayProperties properties) {
    this.configs = configs;
    this.registry = registry;
    this.circuits = circuits;
    this.executor = executor;
    this.meter = meter;
    this.cache = cache;
    this.results = results;
    this.redaction = redaction;
    this.mapper = mapper;
    this.properties = properties;
  }

  /**
   * One service call.
   *
   * @param canonicalInput everything the answer depends on, as one string: hashed for the audit record and the
   *     cache key (it is never stored)
   * @param resultType the JSON type of the result, for the cache
   * @param redactable false when the input cannot be redacted (audio): external providers are then skipped while
   *     redaction is on
   */
  public <P extends AiProvider, R> AiOutcome<R> call(String tenantId, AiService service, AiContext context,
      String canonicalInput, JavaType resultType, boolean redactable, Invocation<P, R> invocation) {
    long started = System.nanoTime();
    String inputHash = Hashes.sha256(canonicalInput);
    AiServiceConfig config = configs.effective(tenantId, service);
    if (!config.enabled()) {
      String id = record(tenantId, service, Status.DISABLED, null, inputHash, null, started, false, false, false,
          context);
      return new AiOutcome<>(Status.DISABLED, service, null, id, null, null, false, false, false, List.of(), null);
    }
    if (!meter.reserve(tenantId, service, config.quotaLimit(), config.quotaPeriod())) {
      var usage = meter.usage(tenantId, service, config.quotaPeriod());
      QuotaState quota = new QuotaState(config.quotaLimit(), config.quotaPeriod().name(), usage.requests(),
          usage.resetsAt());
      String id = record(tenantId, service, Status.QUOTA_EXCEEDED, null, inputHash, null, started, false, false,
          false, context);
      return new AiOutcome<>(Status.QUOTA_EXCEEDED, service, null, id, null, null, false, false, false, List.of(),
          quota);
    }

    List<Attempt> attempts = new ArrayList<>();
    for (ProviderChoice choice : config.providers()) {
      ProviderRegistry.Built built = registry.build(service, choice);
      if (!built.ok()) {
        attempts.add(new Attempt(choice.id(), built.reason()));
        continue;
      }
      @SuppressWarnings("unchecked")
      P provider = (P) built.provider();
      boolean redact = config.redaction() && provider.external();
      String cacheKey = Hashes.sha256(service.name(), provider.id(), provider.version(), built.settingsHash(),
          Boolean.toString(redact), inputHash);
      Optional<R> cached = cached(tenantId, cacheKey, resultType);
      if (cached.isPresent()) {
        meter.answered(tenantId, service, config.quotaPeriod(), true);
        return ok(tenantId, service, context, provider, inputHash, cached.get(), started, true, !attempts.isEmpty(),
            redact, attempts);
      }
      AiProvider.Availability availability = provider.availability();
      if (!availability.available()) {
        attempts.add(new Attempt(choice.id(), "unavailable: " + availability.reason()));
        continue;
      }
      Redactor redactor = Redactor.NONE;
      if (redact) {
        if (!redactable) {
          attempts.add(new Attempt(choice.id(), "redaction is on and this input cannot be redacted before it "
              + "leaves for an external provider"));
          continue;
        }
        Optional<Redactor> r = redaction.redactor(configs.effective(tenantId, AiService.PII));
        if (r.isEmpty()) {
          attempts.add(new Attempt(choice.id(), "redaction is on but no offline PII detector is available"));
          continue;
        }
        redactor = r.get();
      }
      if (!circuits.tryAcquire(tenantId, service, choice.id())) {
        attempts.add(new Attempt(choice.id(), "circuit open after repeated failures"));
        continue;
      }
      Redactor activeRedactor = redactor;
      R value;
      try {
        value = executor.call(() -> invocation.invoke(provider, activeRedactor), timeout(choice));
      } catch (AiUnavailableException e) {
        circuits.failure(tenantId, service, choice.id());
        log.info("AI provider {} failed for {} of tenant {}: {}", choice.id(), service, tenantId, e.getMessage());
        attempts.add(new Attempt(choice.id(), e.getMessage()));
        continue;
      }
      circuits.success(tenantId, service, choice.id());
      meter.answered(tenantId, service, config.quotaPeriod(), false);
      cache.put(tenantId, cacheKey, service, provider.id(), provider.version(), json(value));
      return ok(tenantId, service, context, provider, inputHash, value, started, false, !attempts.isEmpty(), redact,
          attempts);
    }
    String id = record(tenantId, service, Status.UNAVAILABLE, null, inputHash, null, started, false,
        !attempts.isEmpty(), false, context);
    return new AiOutcome<>(Status.UNAVAILABLE, service, null, id, null, null, false, false, false, attempts, null);
  }

  /** Calls the provider; applies the redactor to text going out and restores its answer where that makes sense. */
  @FunctionalInterface
  public interface Invocation<P extends AiProvider, R> {
    R invoke(P provider, Redactor redactor);
  }

  private <R> AiOutcome<R> ok(String tenantId, AiService service, AiContext context, AiProvider provider,
      String inputHash, R value, long started, boolean cacheHit, boolean fallbackUsed, boolean redacted,
      List<Attempt> attempts) {
    String id = results.record(new AiResults.Entry(tenantId, service, Status.OK, provider.id(), provider.version(),
        inputHash, json(value), elapsedMs(started), cacheHit, fallbackUsed, redacted, context));
    return new AiOutcome<>(Status.OK, service, value, id, provider.id(), provider.version(), cacheHit, fallbackUsed,
        redacted, attempts, null);
  }

  private String record(String tenantId, AiService service, Status status, AiProvider provider, String inputHash,
      String output, long started, boolean cacheHit, boolean fallbackUsed, boolean redacted, AiContext context) {
    return results.record(new AiResults.Entry(tenantId, service, status, provider == null ? null : provider.id(),
        provider == null ? null : provider.version(), inputHash, output, elapsedMs(started), cacheHit, fallbackUsed,
        redacted, context));
  }

  private <R> Optional<R> cached(String tenantId, String key, JavaType type) {
    try {
      return cache.get(tenantId, key).map(json -> {
        try {
          return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (RuntimeException unreadable) {
      // A result type that changed shape, or a key that was shredded: call the provider instead.
      log.warn("AI cache entry of tenant {} unreadable; calling the provider: {}", tenantId, unreadable.toString());
      return Optional.empty();
    }
  }

  private Duration timeout(ProviderChoice choice) {
    String ms = choice.settings().get("timeoutMs");
    if (ms != null) {
      try {
        return Duration.ofMillis(Long.parseLong(ms.trim()));
      } catch (NumberFormatException e) {
        // Validated on save; a value stored before validation existed falls back to the default.
      }
    }
    return properties.defaultTimeout();
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("AI result is not serialisable", e);
    }
  }

  private static long elapsedMs(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
