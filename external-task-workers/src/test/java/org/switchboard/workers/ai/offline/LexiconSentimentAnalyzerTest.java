package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.SentimentAnalyzer.Sentiment;
import org.switchboard.workers.ai.offline.sentiment.LexiconSentimentAnalyzer;

class LexiconSentimentAnalyzerTest {

  private final LexiconSentimentAnalyzer analyzer = new LexiconSentimentAnalyzer();

  @Test
  void positiveAndNegativeMessages() {
    assertThat(analyzer.analyze("Thank you so much, the caseworker was really helpful", "en").label())
        .isEqualTo("POSITIVE");
    assertThat(analyzer.analyze("This is the worst service, I'm furious", "en").label()).isEqualTo("NEGATIVE");
    assertThat(analyzer.analyze("The office opens at nine", "en").label()).isEqualTo("NEUTRAL");
  }

  @Test
  void negationFlipsAndIntensifiersScale() {
    Sentiment good = analyzer.analyze("the service was good", "en");
    Sentiment notGood = analyzer.analyze("the service was not good", "en");
    Sentiment veryGood = analyzer.analyze("the service was very good", "en");
    Sentiment bitGood = analyzer.analyze("the service was a bit good", "en");
    assertThat(notGood.score()).isNegative();
    assertThat(veryGood.score()).isGreaterThan(good.score());
    assertThat(bitGood.score()).isLessThan(good.score());
    assertThat(analyzer.analyze("no estoy contenta", "es").label()).isEqualTo("NEGATIVE");
  }

  @Test
  void capitalsExclamationsAndEmojiAddEmphasis() {
    double plain = analyzer.analyze("this is terrible", "en").score();
    double shouted = analyzer.analyze("this is TERRIBLE!!!", "en").score();
    assertThat(shouted).isLessThan(plain);
    assertThat(analyzer.analyze("gracias 😊", "es").label()).isEqualTo("POSITIVE");
    assertThat(analyzer.analyze("otra vez lo mismo 😭", "es").label()).isEqualTo("NEGATIVE");
  }

  @Test
  void butShiftsTheWeightToWhatFollows() {
    assertThat(analyzer.analyze("The staff were nice but the wait was terrible and awful", "en").label())
        .isEqualTo("NEGATIVE");
  }

  @Test
  void distressFollowsRiskAndDespairVocabularyNotMereNegativity() {
    Sentiment complaint = analyzer.analyze("Your billing is terrible and I'm annoyed", "en");
    Sentiment despair = analyzer.analyze("I feel hopeless and trapped, I can't go on", "en");
    Sentiment acute = analyzer.analyze("quiero morir, ya tengo las pastillas", "es");
    Sentiment calm = analyzer.analyze("Ya no tengo miedo, estoy tranquila", "es");
    assertThat(complaint.distress()).isLessThan(0.2);
    assertThat(despair.distress()).isGreaterThan(0.6);
    assertThat(acute.distress()).isGreaterThan(0.9);
    assertThat(calm.distress()).isLessThan(0.1);
    assertThat(calm.label()).isEqualTo("POSITIVE");
  }

  @Test
  void misspelledDespairStillCounts() {
    assertThat(analyzer.analyze("i feel so hopeles and desprate", "en").distress()).isGreaterThan(0.4);
  }
}
