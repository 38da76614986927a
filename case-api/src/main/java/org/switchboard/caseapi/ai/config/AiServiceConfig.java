package org.switchboard.caseapi.ai.config;

import java.util.List;
import org.switchboard.workers.ai.AiService;

/**
 * A tenant's configuration of one AI service.
 *
 * @param providers the chain in order: the first available provider answers, the next ones are the fallbacks
 * @param redaction replace personal data by placeholders before text goes to an external provider
 * @param quotaLimit requests per {@code quotaPeriod}; null means unlimited
 * @param version optimistic lock; 0 while the tenant runs on the defaults (nothing stored)
 * @param stored false when these are the defaults of the tenant's sector
 */
public record AiServiceConfig(
    String tenantId,
    AiService service,
    boolean enabled,
    List<ProviderChoice> providers,
    boolean redaction,
    Integer quotaLimit,
    QuotaPeriod quotaPeriod,
    int version,
    boolean stored) {

  public AiServiceConfig {
    providers = List.copyOf(providers);
  }

  public AiServiceConfig withEnabled(boolean value) {
    return new AiServiceConfig(tenantId, service, value, providers, redaction, quotaLimit, quotaPeriod, version, stored);
  }
}
