package org.switchboard.workers.ai.offline.intent;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.IntentClassifier;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * {@code offline-nb} for INTENT. Trains the shipped sector models when the application starts; tenants' own models
 * are trained on first use and kept per model version. Setting {@code threshold} (default 0.25).
 */
@Component
public class SimilarityIntentClassifierFactory implements AiProviderFactory<IntentClassifier> {

  private final Map<String, ?> cache = SimilarityIntentClassifier.newCache();

  public SimilarityIntentClassifierFactory() {
    SimilarityIntentClassifier warm = create(0.25);
    DefaultIntentModels.SECTORS.forEach(sector -> warm.train(DefaultIntentModels.forSector(sector)));
  }

  @Override
  public AiService service() {
    return AiService.INTENT;
  }

  @Override
  public String providerId() {
    return SimilarityIntentClassifier.ID;
  }

  @Override
  public IntentClassifier create(ProviderSettings settings) {
    return create(Double.parseDouble(settings.getOrDefault("threshold", "0.25")));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private SimilarityIntentClassifier create(double threshold) {
    return new SimilarityIntentClassifier(threshold, (Map) cache);
  }
}
