package org.switchboard.caseapi.ai.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.config.AiServiceView.ProviderView;
import org.switchboard.caseapi.ai.config.AiServiceView.QuotaView;
import org.switchboard.caseapi.ai.config.AiServiceView.UsageView;
import org.switchboard.caseapi.ai.providers.CircuitBreakers;
import org.switchboard.caseapi.ai.providers.ProviderRegistry;
import org.switchboard.caseapi.ai.usage.UsageMeter;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.workers.ai.AiProvider;
import org.switchboard.workers.ai.AiService;

/** Every AI service of a tenant: toggle, chain with live availability, quota and usage of the current period. */
@Component
public class AiServicesQuery {

  private final AiServiceConfigs configs;
  private final ProviderRegistry registry;
  private final CircuitBreakers circuits;
  private final UsageMeter meter;
  private final TenantDirectory tenants;

  public AiServicesQuery(AiServiceConfigs configs, ProviderRegistry registry, CircuitBreakers circuits,
      UsageMeter meter, TenantDirectory tenants) {
    this.configs = configs;
    this.registry = registry;
    this.circuits = circuits;
    this.meter = meter;
    this.tenants = tenants;
  }

  public AiServiceView.TenantServices all(String tenantId) {
    List<AiServiceView> services = new ArrayList<>();
    for (AiService service : AiService.values()) {
      services.add(one(tenantId, service));
    }
    String sector = tenants.find(tenantId).map(TenantDirectory.TenantConfig::sector).orElse(null);
    return new AiServiceView.TenantServices(tenantId, sector, services);
  }

  public AiServiceView one(String tenantId, AiService service) {
    AiServiceConfig config = configs.effective(tenantId, service);
    List<ProviderView> chain = new ArrayList<>();
    int position = 0;
    for (ProviderChoice choice : config.providers()) {
      chain.add(provider(tenantId, service, choice, position++));
    }
    UsageMeter.Usage usage = meter.usage(tenantId, service, config.quotaPeriod());
    Long remaining = config.quotaLimit() == null ? null : Math.max(0, config.quotaLimit() - usage.requests());
    return new AiServiceView(AiServiceIds.idOf(service), config.enabled(), config.stored(), config.redaction(), chain,
        registry.providerIds(service), new QuotaView(config.quotaLimit(), config.quotaPeriod()),
        new UsageView(usage.requests(), usage.providerCalls(), usage.cacheHits(), usage.periodStart(),
            usage.resetsAt(), remaining),
        config.version());
  }

  private ProviderView provider(String tenantId, AiService service, ProviderChoice choice, int position) {
    String circuit = circuits.state(tenantId, service, choice.id()).name();
    ProviderRegistry.Built built = registry.build(service, choice);
    if (!built.ok()) {
      return new ProviderView(choice.id(), position, false, built.reason(), null, null, circuit, choice.settings(),
          choice.secretRefs());
    }
    AiProvider p = built.provider();
    AiProvider.Availability availability = safeAvailability(p);
    boolean open = CircuitBreakers.State.OPEN.name().equals(circuit);
    String reason = !availability.available() ? availability.reason()
        : open ? "circuit open after repeated failures" : null;
    return new ProviderView(choice.id(), position, availability.available() && !open, reason, p.external(),
        p.version(), circuit, choice.settings(), choice.secretRefs());
  }

  private static AiProvider.Availability safeAvailability(AiProvider p) {
    try {
      return p.availability();
    } catch (RuntimeException e) {
      return AiProvider.Availability.unavailable("availability check failed: " + e.getClass().getSimpleName());
    }
  }
}
