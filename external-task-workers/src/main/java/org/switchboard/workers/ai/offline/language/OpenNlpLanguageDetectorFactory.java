package org.switchboard.workers.ai.offline.language;

import java.util.Arrays;
import java.util.List;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.LanguageDetector;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * {@code opennlp} for LANGUAGE. Settings: {@code minLetters} (default 8), {@code fullConfidenceLetters} (40),
 * {@code preferredLanguages} (comma-separated ISO 639-1, default none), {@code minMargin} (0.1). The 11 MB model loads once, on first use.
 */
@Component
public class OpenNlpLanguageDetectorFactory implements AiProviderFactory<LanguageDetector> {

  private volatile LanguageDetectorModel model;
  private volatile boolean loaded;

  @Override
  public AiService service() {
    return AiService.LANGUAGE;
  }

  @Override
  public String providerId() {
    return OpenNlpLanguageDetector.ID;
  }

  @Override
  public LanguageDetector create(ProviderSettings settings) {
    List<String> preferred = Arrays.stream(settings.getOrDefault("preferredLanguages", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new OpenNlpLanguageDetector(model(), Integer.parseInt(settings.getOrDefault("minLetters", "8")),
        Integer.parseInt(settings.getOrDefault("fullConfidenceLetters", "40")), preferred,
        Double.parseDouble(settings.getOrDefault("minMargin", "0.1")));
  }

  private LanguageDetectorModel model() {
    if (!loaded) {
      synchronized (this) {
        if (!loaded) {
          model = OpenNlpLanguageDetector.loadModel();
          loaded = true;
        }
      }
    }
    return model;
  }
}
