package org.switchboard.workers.ai.offline.keywords;

import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.KeywordDetector;
import org.switchboard.workers.ai.ProviderSettings;

/** {@code offline-lexicon} for KEYWORDS. Settings are not used: one shared detector keeps the compiled lexicons. */
@Component
public class LexiconKeywordDetectorFactory implements AiProviderFactory<KeywordDetector> {

  private final LexiconKeywordDetector detector = new LexiconKeywordDetector();

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
    return detector;
  }
}
