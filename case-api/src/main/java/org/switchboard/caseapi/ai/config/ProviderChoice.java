package org.switchboard.caseapi.ai.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * One link of a tenant's provider chain.
 *
 * @param settings non-secret settings ({@code baseUrl}, {@code model}, {@code timeoutMs}, ...)
 * @param secretRefs setting name to the NAME of the environment variable holding the secret
 *     (e.g. {@code apiKey: OPENAI_API_KEY}); secret values are never stored
 */
public record ProviderChoice(String id, Map<String, String> settings, Map<String, String> secretRefs) {

  public ProviderChoice {
    // Sorted, so equal settings hash alike whatever order they came in.
    settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    secretRefs = secretRefs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(secretRefs));
  }

  public static ProviderChoice of(String id) {
    return new ProviderChoice(id, Map.of(), Map.of());
  }
}
