package org.switchboard.caseapi.ai.config;

import java.util.List;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;
import org.switchboard.caseapi.ai.providers.ProviderRegistry;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.workers.ai.AiService;

/**
 * A tenant's effective configuration of a service: what an administrator stored, else the defaults of the
 * tenant's sector. Read from the database on every call, so a toggle takes effect on the next call, on every node.
 */
@Component
public class AiServiceConfigs {

  private final AiConfigRepository repository;
  private final TenantDirectory tenants;
  private final ProviderRegistry registry;
  private final AiGatewayProperties properties;

  public AiServiceConfigs(AiConfigRepository repository, TenantDirectory tenants, ProviderRegistry registry,
      AiGatewayProperties properties) {
    this.repository = repository;
    this.tenants = tenants;
    this.registry = registry;
    this.properties = properties;
  }

  public AiServiceConfig effective(String tenantId, AiService service) {
    return repository.find(tenantId, service).orElseGet(() -> defaults(tenantId, service));
  }

  /**
   * Enabled, the configured default chain or else every offline provider, redaction on for the sectors that
   * handle the most sensitive conversations, no quota.
   */
  public AiServiceConfig defaults(String tenantId, AiService service) {
    String sector = tenants.find(tenantId).map(TenantDirectory.TenantConfig::sector).orElse(null);
    List<String> ids = properties.defaultProviders().get(AiServiceIds.idOf(service));
    if (ids == null) {
      ids = registry.offlineProviderIds(service);
    }
    List<ProviderChoice> chain = ids.stream().map(ProviderChoice::of).toList();
    boolean redaction = sector != null && properties.redactionSectors().contains(sector);
    return new AiServiceConfig(tenantId, service, true, chain, redaction, null, QuotaPeriod.DAY, 0, false);
  }
}
