package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Transcriber;
import org.switchboard.workers.ai.Transcriber.Transcript;
import org.switchboard.workers.ai.offline.transcription.PocketsphinxTranscriberFactory;

/** Runs the real Debian pocketsphinx on speech synthesised by espeak-ng; skipped where either is not installed. */
class PocketsphinxTranscriberTest {

  private final PocketsphinxTranscriberFactory factory = new PocketsphinxTranscriberFactory();
  private final Transcriber transcriber = factory.create(ProviderSettings.none());

  @TempDir
  Path dir;

  private byte[] speak(String text) throws Exception {
    Path wav = dir.resolve("speech.wav");
    Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "130", "-w", wav.toString(), text)
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Files.readAllBytes(wav);
  }

  private static boolean espeakInstalled() {
    try {
      return new ProcessBuilder("espeak-ng", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void transcribesSynthesisedEnglishSpeechWithTimings() throws Exception {
    assumeTrue(transcriber.availability().available(), () -> transcriber.availability().reason());
    assumeTrue(espeakInstalled(), "espeak-ng not installed");
    // espeak-ng writes 22.05 kHz WAV: the provider resamples it to the model's 16 kHz
    Transcript t = transcriber.transcribe(speak("I am afraid he will hurt me"), "audio/wav", "en");
    assertThat(t.language()).isEqualTo("en");
    assertThat(t.text()).contains("afraid");
    assertThat(t.segments()).isNotEmpty();
    assertThat(t.segments().get(0).start()).isGreaterThanOrEqualTo(0);
    assertThat(t.segments().get(0).end()).isGreaterThan(t.segments().get(0).start());
  }

  @Test
  void refusesWhatItCannotDoInsteadOfGuessing() throws Exception {
    assumeTrue(transcriber.availability().available(), () -> transcriber.availability().reason());
    assertThatThrownBy(() -> transcriber.transcribe(new byte[] {1, 2, 3}, "audio/ogg", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("WAV only");
    assertThatThrownBy(() -> transcriber.transcribe(new byte[] {1, 2, 3}, "audio/wav", "es"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("English");
    assertThatThrownBy(() -> transcriber.transcribe(new byte[] {1, 2, 3}, "audio/wav", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("PCM WAV");
  }

  @Test
  void unavailableWithAReasonWhenTheBinaryOrModelIsMissing() {
    Transcriber noBinary = factory.create(new ProviderSettings(Map.of("binary", "/nonexistent/pocketsphinx")));
    assertThat(noBinary.availability().available()).isFalse();
    assertThat(noBinary.availability().reason()).contains("not found");
    assertThatThrownBy(() -> noBinary.transcribe(new byte[0], "audio/wav", "en"))
        .isInstanceOf(AiUnavailableException.class);
    Transcriber noModel = factory.create(new ProviderSettings(Map.of("modelDir", dir.toString())));
    assumeTrue(transcriber.availability().available());
    assertThat(noModel.availability().reason()).contains("model file");
  }
}
