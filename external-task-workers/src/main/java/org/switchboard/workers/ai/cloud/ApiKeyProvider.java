package org.switchboard.workers.ai.cloud;

import org.springframework.web.client.RestClient;
import org.switchboard.workers.ai.AiProvider;
import org.switchboard.workers.ai.ProviderSettings;

/** A cloud provider behind one HTTP API that needs an API key (secret {@code apiKey}) and has a public base URL. */
public abstract class ApiKeyProvider implements AiProvider {

  protected final ProviderSettings settings;
  protected final RestClient http;
  private final String id;

  protected ApiKeyProvider(String id, ProviderSettings settings, String defaultBaseUrl) {
    this.id = id;
    this.settings = settings;
    this.http = CloudHttp.client(settings, defaultBaseUrl);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean external() {
    return !"false".equalsIgnoreCase(settings.getOrDefault("external", "true"));
  }

  @Override
  public Availability availability() {
    return settings.get("apiKey").isPresent() || !requiresApiKey() ? Availability.ok()
        : Availability.unavailable("no API key: set the provider's apiKey secret reference to an environment "
            + "variable that holds it");
  }

  /** Self-hosted services (LibreTranslate) may run without one. */
  protected boolean requiresApiKey() {
    return true;
  }

  protected String apiKey() {
    return settings.get("apiKey").orElse("");
  }
}
