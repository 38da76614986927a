package org.switchboard.caseapi.ai.providers;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves secret references (names of environment variables) when a provider is built. Values live in memory
 * only, in the provider instance; configuration, logs and audit hold the names.
 */
@Component
public class SecretResolver {

  /** Environment variable names as POSIX shells accept them (upper case by convention). */
  public static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

  private final Environment environment;

  public SecretResolver(Environment environment) {
    this.environment = environment;
  }

  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public Optional<String> resolve(String name) {
    if (!validName(name)) {
      return Optional.empty();
    }
    // The Spring environment reads process environment variables (and system properties, for tests and
    // container platforms that inject those).
    return Optional.ofNullable(environment.getProperty(name)).filter(v -> !v.isBlank());
  }
}
