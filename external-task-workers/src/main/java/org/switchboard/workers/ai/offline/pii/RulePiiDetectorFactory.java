package org.switchboard.workers.ai.offline.pii;

import java.util.Locale;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.PiiDetector;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * {@code offline-rules} for PII. Setting {@code defaultRegion} (ISO 3166, default {@code GB}) is used when a call
 * gives no region; numbers written with a country code are found whatever the region.
 */
@Component
public class RulePiiDetectorFactory implements AiProviderFactory<PiiDetector> {

  @Override
  public AiService service() {
    return AiService.PII;
  }

  @Override
  public String providerId() {
    return RulePiiDetector.ID;
  }

  @Override
  public PiiDetector create(ProviderSettings settings) {
    return new RulePiiDetector(settings.getOrDefault("defaultRegion", "GB").toUpperCase(Locale.ROOT));
  }
}
