package org.switchboard.workers.ai.offline.keywords;

import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.KeywordDetector;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * {@code offline-lexicon} for KEYWORDS: phrase matching plus the shipped statistical risk model, which catches
 * paraphrases no phrase covers (docs/ai-quality.md). Setting {@code riskModel=false} turns the model off for a
 * tenant. Two shared detectors keep the compiled lexicons.
 */
@Component
public class LexiconKeywordDetectorFactory implements AiProviderFactory<KeywordDetector> {

  private final LexiconKeywordDetector withModel = new LexiconKeywordDetector(true);
  private final LexiconKeywordDetector phrasesOnly = new LexiconKeywordDetector(false);

  @Override
  public AiService service() {
    return AiService.KEYWORDS;
  }

  @Override
  public String providerId() {
    return LexiconKeywordDetector.ID;
  }

  @Override
  public KeywordDetector create(ProviderSettings settings) {
    return "false".equalsIgnoreCase(settings.getOrDefault("riskModel", "true")) ? phrasesOnly : withModel;
  }
}
