package org.switchboard.workers.ai.offline.summary;

import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Summarizer;

/** {@code offline-extractive} for SUMMARY; no settings. */
@Component
public class ExtractiveSummarizerFactory implements AiProviderFactory<Summarizer> {

  private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

  @Override
  public AiService service() {
    return AiService.SUMMARY;
  }

  @Override
  public String providerId() {
    return ExtractiveSummarizer.ID;
  }

  @Override
  public Summarizer create(ProviderSettings settings) {
    return summarizer;
  }
}
