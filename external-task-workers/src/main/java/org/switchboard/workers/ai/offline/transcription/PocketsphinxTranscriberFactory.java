package org.switchboard.workers.ai.offline.transcription;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Transcriber;

/**
 * {@code offline-pocketsphinx} for TRANSCRIPTION. Settings: {@code binary} (default {@code pocketsphinx_continuous},
 * looked up on PATH), {@code modelDir} (default {@code /usr/share/pocketsphinx/model/en-us}), {@code timeoutMs}
 * (default: three times the audio length plus 5 s).
 */
@Component
public class PocketsphinxTranscriberFactory implements AiProviderFactory<Transcriber> {

  @Override
  public AiService service() {
    return AiService.TRANSCRIPTION;
  }

  @Override
  public String providerId() {
    return PocketsphinxTranscriber.ID;
  }

  @Override
  public Transcriber create(ProviderSettings settings) {
    Duration timeout = settings.get("timeoutMs").map(ms -> Duration.ofMillis(Long.parseLong(ms))).orElse(Duration.ZERO);
    return new PocketsphinxTranscriber(settings.getOrDefault("binary", "pocketsphinx_continuous"),
        Path.of(settings.getOrDefault("modelDir", "/usr/share/pocketsphinx/model/en-us")), timeout);
  }
}
