package org.switchboard.workers.ai.offline.sentiment;

import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.SentimentAnalyzer;

/** {@code offline-lexicon} for SENTIMENT; stateless after loading its lexicons, so one instance is shared. */
@Component
public class LexiconSentimentAnalyzerFactory implements AiProviderFactory<SentimentAnalyzer> {

  private volatile LexiconSentimentAnalyzer analyzer;

  @Override
  public AiService service() {
    return AiService.SENTIMENT;
  }

  @Override
  public String providerId() {
    return LexiconSentimentAnalyzer.ID;
  }

  @Override
  public SentimentAnalyzer create(ProviderSettings settings) {
    LexiconSentimentAnalyzer a = analyzer;
    if (a == null) {
      synchronized (this) {
        if (analyzer == null) {
          analyzer = new LexiconSentimentAnalyzer();
        }
        a = analyzer;
      }
    }
    return a;
  }
}
