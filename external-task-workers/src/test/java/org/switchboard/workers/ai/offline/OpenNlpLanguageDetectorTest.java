package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.LanguageDetector;
import org.switchboard.workers.ai.LanguageDetector.LanguageGuess;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.offline.language.OpenNlpLanguageDetectorFactory;

class OpenNlpLanguageDetectorTest {

  private static LanguageDetector detector;
  private static LanguageDetector preferring;

  @BeforeAll
  static void load() {
    OpenNlpLanguageDetectorFactory factory = new OpenNlpLanguageDetectorFactory();
    detector = factory.create(ProviderSettings.none());
    preferring = factory.create(new ProviderSettings(Map.of("preferredLanguages", "en,es")));
  }

  @Test
  void availableWithTheModelFromMavenCentral() {
    assertThat(detector.availability().available()).isTrue();
  }

  @Test
  void longerTextsInIso6391WithConfidence() {
    LanguageGuess en = detector.detect("I have been waiting for a callback about my housing application since Monday");
    LanguageGuess es = detector.detect("Llevo desde el lunes esperando que me llamen por la solicitud de vivienda");
    LanguageGuess fr = detector.detect("J'attends depuis lundi qu'on me rappelle au sujet de ma demande de logement");
    assertThat(List.of(en.language(), es.language(), fr.language())).containsExactly("en", "es", "fr");
    assertThat(en.confidence()).isGreaterThan(0.5);
    assertThat(es.confidence()).isGreaterThan(0.3);
  }

  @Test
  void shortTextsAreUndeterminedOrLessCertain() {
    assertThat(detector.detect("ok").language()).isEqualTo("und");
    assertThat(detector.detect("12345 !!").language()).isEqualTo("und");
    // three short English words: the model has no clear winner, so no language rather than a wrong one
    assertThat(detector.detect("he has a gun").language()).isEqualTo("und");
    LanguageGuess shortSpanish = preferring.detect("tengo mucho miedo");
    assertThat(shortSpanish.language()).isEqualTo("es");
    LanguageGuess longSpanish = preferring.detect(
        "Tengo mucho miedo porque mi pareja me amenaza todos los días y no sé a quién pedir ayuda");
    assertThat(shortSpanish.confidence()).isLessThan(longSpanish.confidence());
  }
}
