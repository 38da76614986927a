package org.switchboard.caseapi.ai.providers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.Hashes;
import org.switchboard.caseapi.ai.config.ProviderChoice;
import org.switchboard.workers.ai.AiProvider;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * The provider manager: finds the {@link AiProviderFactory} beans by service and provider id, resolves secret
 * references and builds providers, one instance per service, provider and settings (built once, reused).
 */
@Component
public class ProviderRegistry {

  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

  private final ObjectProvider<AiProviderFactory<?>> factoryBeans;
  private final SecretResolver secrets;
  private final Map<String, AiProvider> built = new ConcurrentHashMap<>();
  private volatile Map<AiService, Map<String, AiProviderFactory<?>>> factories;
  private final Map<AiService, List<String>> offline = new ConcurrentHashMap<>();

  public ProviderRegistry(ObjectProvider<AiProviderFactory<?>> factoryBeans, SecretResolver secrets) {
    this.factoryBeans = factoryBeans;
    this.secrets = secrets;
  }

  /** A provider ready to call, or why there is none. */
  public record Built(ProviderChoice choice, AiProvider provider, String settingsHash, String reason) {

    public boolean ok() {
      return provider != null;
    }
  }

  /** Provider ids of the service, ordered by id. */
  public List<String> providerIds(AiService service) {
    return List.copyOf(factories().getOrDefault(service, Map.of()).keySet());
  }

  public boolean knows(AiService service, String providerId) {
    return factories().getOrDefault(service, Map.of()).containsKey(providerId);
  }

  /** Providers of the service that run in this JVM without settings: the default chain. */
  public List<String> offlineProviderIds(AiService service) {
    return offline.computeIfAbsent(service, s -> {
      List<String> ids = new ArrayList<>();
      for (String id : providerIds(s)) {
        Built b = build(s, ProviderChoice.of(id));
        if (b.ok() && !b.provider().external()) {
          ids.add(id);
        }
      }
      return List.copyOf(ids);
    });
  }

  public Built build(AiService service, ProviderChoice choice) {
    String settingsHash = settingsHash(choice);
    AiProviderFactory<?> factory = factories().getOrDefault(service, Map.of()).get(choice.id());
    if (factory == null) {
      return new Built(choice, null, settingsHash, "no provider '" + choice.id() + "' is installed for this service");
    }
    Map<String, String> values = new HashMap<>(choice.settings());
    List<String> missing = new ArrayList<>();
    choice.secretRefs().forEach((name, variable) -> secrets.resolve(variable)
        .ifPresentOrElse(secret -> values.put(name, secret), () -> missing.add(variable)));
    if (!missing.isEmpty()) {
      return new Built(choice, null, settingsHash, "secret environment variable " + String.join(", ", missing)
          + " is not set");
    }
    // The instance key covers the resolved secrets too (hashed), so a changed secret builds a new client.
    String instanceKey = Hashes.sha256(service.name(), choice.id(), settingsHash,
        Hashes.sha256(new java.util.TreeMap<>(values).toString()));
    try {
      AiProvider provider = built.computeIfAbsent(instanceKey, k -> factory.create(new ProviderSettings(values)));
      if (!service.contract().isInstance(provider)) {
        return new Built(choice, null, settingsHash, "provider '" + choice.id() + "' does not implement "
            + service.contract().getSimpleName());
      }
      return new Built(choice, provider, settingsHash, null);
    } catch (RuntimeException e) {
      // Settings the factory refuses (bad URL, unknown model): the provider is unavailable, not the gateway.
      log.warn("AI provider {} for {} could not be built with {}: {}", choice.id(), service,
          new ProviderSettings(choice.settings()), e.toString());
      return new Built(choice, null, settingsHash, "provider could not be built: " + e.getClass().getSimpleName());
    }
  }

  /** Hash of the non-secret settings and the secret NAMES; part of cache keys, so a changed model misses. */
  public static String settingsHash(ProviderChoice choice) {
    return Hashes.sha256(choice.settings().toString(), choice.secretRefs().toString());
  }

  private Map<AiService, Map<String, AiProviderFactory<?>>> factories() {
    Map<AiService, Map<String, AiProviderFactory<?>>> current = factories;
    if (current == null) {
      Map<AiService, Map<String, AiProviderFactory<?>>> byService = new LinkedHashMap<>();
      factoryBeans.orderedStream().sorted(Comparator.comparing(AiProviderFactory::providerId)).forEach(f -> {
        AiProviderFactory<?> previous = byService.computeIfAbsent(f.service(), s -> new LinkedHashMap<>())
            .putIfAbsent(f.providerId(), f);
        if (previous != null) {
          throw new IllegalStateException("Two AI provider factories for " + f.service() + " have the id "
              + f.providerId() + ": " + previous.getClass().getName() + " and " + f.getClass().getName());
        }
      });
      current = byService;
      factories = current;
    }
    return current;
  }

  public Optional<AiProviderFactory<?>> factory(AiService service, String providerId) {
    return Optional.ofNullable(factories().getOrDefault(service, Map.of()).get(providerId));
  }
}
