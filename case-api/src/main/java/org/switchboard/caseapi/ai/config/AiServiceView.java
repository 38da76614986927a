package org.switchboard.caseapi.ai.config;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A tenant's AI service as the configuration API and the admin page show it. */
public record AiServiceView(
    String id,
    boolean enabled,
    boolean customised,
    boolean redaction,
    List<ProviderView> providers,
    List<String> installedProviders,
    QuotaView quota,
    UsageView usage,
    int version) {

  /**
   * One link of the chain with its state now.
   *
   * @param available whether the gateway could call it now (built, reports available, circuit not open)
   * @param reason why not, when not
   * @param circuit CLOSED, OPEN or HALF_OPEN
   */
  public record ProviderView(String id, int position, boolean available, String reason, Boolean external,
      String version, String circuit, Map<String, String> settings, Map<String, String> secretRefs) {
  }

  public record QuotaView(Integer limit, QuotaPeriod period) {
  }

  /** @param remaining null when there is no quota */
  public record UsageView(long requests, long providerCalls, long cacheHits, LocalDate periodStart,
      Instant resetsAt, Long remaining) {
  }

  public record TenantServices(String tenantId, String sector, List<AiServiceView> services) {
  }
}
