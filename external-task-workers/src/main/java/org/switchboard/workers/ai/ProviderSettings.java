package org.switchboard.workers.ai;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of one provider for one tenant, secrets already resolved from the environment. */
public record ProviderSettings(Map<String, String> values) {

  public ProviderSettings {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static ProviderSettings none() {
    return new ProviderSettings(Map.of());
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
  }

  public String getOrDefault(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  public Duration timeout() {
    return Duration.ofMillis(Long.parseLong(getOrDefault("timeoutMs", "10000")));
  }

  /** For logs and audit: the names of the settings, never the values. */
  @Override
  public String toString() {
    return "ProviderSettings" + values.keySet();
  }
}
