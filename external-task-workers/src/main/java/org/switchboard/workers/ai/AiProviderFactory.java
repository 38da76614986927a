package org.switchboard.workers.ai;

/**
 * Builds a provider from a tenant's settings for it. Factories are Spring beans; the gateway finds them by
 * {@link #service()} and {@link #providerId()} and builds (and caches) providers per settings.
 */
public interface AiProviderFactory<P extends AiProvider> {

  AiService service();

  String providerId();

  /**
   * @param settings non-secret settings ({@code baseUrl}, {@code model}, {@code timeoutMs}, ...) plus the secrets
   *     the gateway resolved from the environment (e.g. {@code apiKey}); kept in memory only
   */
  P create(ProviderSettings settings);

  /** A factory from a constructor-like function. */
  static <P extends AiProvider> AiProviderFactory<P> of(AiService service, String providerId,
      java.util.function.Function<ProviderSettings, P> create) {
    return new AiProviderFactory<>() {
      @Override
      public AiService service() {
        return service;
      }

      @Override
      public String providerId() {
        return providerId;
      }

      @Override
      public P create(ProviderSettings settings) {
        return create.apply(settings);
      }
    };
  }
}
