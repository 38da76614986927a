package org.switchboard.caseapi.ai.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.config.AiServiceConfig;
import org.switchboard.caseapi.ai.config.ProviderChoice;
import org.switchboard.caseapi.ai.providers.ProviderRegistry;
import org.switchboard.workers.ai.AiProvider;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.PiiDetector;

/**
 * Finds the PII detector redaction uses: the first available provider of the tenant's PII chain that runs in
 * this process (sending text out to find what must not go out would defeat the purpose), else any offline PII
 * provider installed. Without one, external providers are skipped while redaction is on.
 */
@Component
public class PiiRedaction {

  private final ProviderRegistry registry;

  public PiiRedaction(ProviderRegistry registry) {
    this.registry = registry;
  }

  /** A fresh redactor for one call, or empty when no offline PII detector is available. */
  public Optional<Redactor> redactor(AiServiceConfig piiConfig) {
    List<ProviderChoice> candidates = new ArrayList<>(piiConfig.providers());
    registry.offlineProviderIds(AiService.PII).forEach(id -> candidates.add(ProviderChoice.of(id)));
    for (ProviderChoice choice : candidates) {
      ProviderRegistry.Built built = registry.build(AiService.PII, choice);
      if (!built.ok() || built.provider().external()) {
        continue;
      }
      AiProvider provider = built.provider();
      if (provider.availability().available()) {
        PiiDetector detector = (PiiDetector) provider;
        return Optional.of(new Redactor(detector::detect));
      }
    }
    return Optional.empty();
  }
}
