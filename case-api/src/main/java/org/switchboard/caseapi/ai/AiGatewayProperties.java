package org.switchboard.caseapi.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.ai.*}: how the AI gateway calls providers (docs/ai-gateway.md).
 *
 * @param defaultTimeout per provider call when its settings name no {@code timeoutMs}
 * @param executorThreads provider calls run on a bounded pool so a hanging provider cannot take request threads
 * @param executorQueue calls waiting for a thread; beyond it a call is refused at once (the chain falls back)
 * @param cacheTtl how long a result is served from the cache
 * @param redactionSectors sectors whose tenants have redaction ON unless an administrator turns it off
 * @param defaultProviders chain per service id (e.g. {@code sentiment: [offline-lexicon]}) for tenants that did not
 *     choose one; a service not listed gets every offline provider found, ordered by id
 * @param defaultRegion region for phone numbers written without country code, when redacting
 * @param analysisRetryEnabled whether lost starts of message analyses are retried (tests drive the sweep by hand)
 * @param analysisRetryInterval how often each node looks for inbound messages whose analysis never started
 * @param analysisRetryWindow how far back it looks
 * @param warmUp compile the shipped lexicons and train the risk model in the background at start
 */
@ConfigurationProperties("switchboard.ai")
public record AiGatewayProperties(
    @DefaultValue("10s") Duration defaultTimeout,
    @DefaultValue("4") int executorThreads,
    @DefaultValue("64") int executorQueue,
    @DefaultValue Circuit circuit,
    @DefaultValue("24h") Duration cacheTtl,
    @DefaultValue({"survivor-support", "healthcare"}) List<String> redactionSectors,
    Map<String, List<String>> defaultProviders,
    @DefaultValue("GB") String defaultRegion,
    @DefaultValue("true") boolean analysisRetryEnabled,
    @DefaultValue("1m") Duration analysisRetryInterval,
    @DefaultValue("24h") Duration analysisRetryWindow,
    @DefaultValue("true") boolean warmUp) {

  public AiGatewayProperties {
    defaultProviders = defaultProviders == null ? Map.of() : Map.copyOf(defaultProviders);
  }

  /**
   * @param failureThreshold consecutive failures of one provider for one tenant that open its circuit
   * @param coolDown how long an open circuit refuses calls before one trial call is let through (half-open)
   */
  public record Circuit(@DefaultValue("3") int failureThreshold, @DefaultValue("30s") Duration coolDown) {
  }
}
