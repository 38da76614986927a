package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.KeywordDetector;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetectorFactory;
import org.switchboard.workers.ai.offline.risk.LabelledMessages;
import org.switchboard.workers.ai.offline.risk.RiskModel;

/**
 * The statistical risk model behind {@code offline-lexicon}: it catches what no phrase covers, keeps negations and
 * figures of speech quiet, and is the same on every node. The messages here were written for this test, not taken
 * from the training sets.
 */
class RiskModelTest {

  private final RiskModel model = RiskModel.shipped();

  @Test
  void paraphrasesThatNoPhraseCoversAreFound() {
    assertThat(model.predict("he's kicking the bathroom door and says this time he'll finish it").severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(model.predict("my dad fell in the kitchen and he isn't answering me, his lips look blue").severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(model.predict("se cayo mi abuela y no responde, respira raro").severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(model.predict("ya deje todo arreglado, mis hijos van a estar mejor sin mi, esta noche se acaba")
        .severity()).isEqualTo(Severity.CRITICAL);
    assertThat(model.predict("he reads all my messages and takes my wages every month").severity())
        .isEqualTo(Severity.MEDIUM);
  }

  @Test
  void negationsIdiomsAndOrdinaryRequestsStayQuiet() {
    assertThat(model.predict("I'm not going to hurt myself, I just needed to talk").severity()).isNull();
    assertThat(model.predict("this traffic is killing me lol").severity()).isNull();
    assertThat(model.predict("can I move my appointment to friday please").severity()).isNull();
    assertThat(model.predict("el paquete llego roto, que desastre, me quiero morir jaja").severity()).isNull();
  }

  @Test
  void trainingIsDeterministicSoEveryNodeAgrees() {
    RiskModel again = RiskModel.train(LabelledMessages.training());
    for (String text : List.of("he has been following me home from work", "no quiero seguir, ya no aguanto",
        "where is my refund")) {
      assertThat(again.predict(text).probabilities()).containsExactly(model.predict(text).probabilities());
    }
  }

  @Test
  void theDetectorAddsTheModelsFindingOnlyWhereThePhrasesAreLessSevereAndNeverQuotesTheMessage() {
    KeywordDetector.Lexicon lexicon = DefaultLexicons.forSector("survivor-support");
    LexiconKeywordDetector withModel = new LexiconKeywordDetector(true);
    String text = "he's kicking the bathroom door and says this time he'll finish it";

    List<KeywordMatch> matches = withModel.detect(text, "en", lexicon);
    KeywordMatch finding = matches.stream().filter(m -> LexiconKeywordDetector.RISK_MODEL.equals(m.category()))
        .findFirst().orElseThrow();
    assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(finding.phrase()).isEqualTo("risk-model:critical");
    assertThat(finding.start()).isZero();
    assertThat(finding.end()).isEqualTo(text.length());
    assertThat(LexiconKeywordDetector.highest(new LexiconKeywordDetector().detect(text, "en", lexicon)))
        .as("the phrases alone").isNotEqualTo(Severity.CRITICAL);

    List<KeywordMatch> covered = withModel.detect("he has a gun and he is going to kill me", "en", lexicon);
    assertThat(covered).as("phrases already say CRITICAL").noneMatch(
        m -> LexiconKeywordDetector.RISK_MODEL.equals(m.category()));
    assertThat(withModel.version()).contains(RiskModel.VERSION);
  }

  @Test
  void tenantsCanSwitchTheModelOff() {
    LexiconKeywordDetectorFactory factory = new LexiconKeywordDetectorFactory();
    KeywordDetector phrasesOnly = factory.create(new ProviderSettings(java.util.Map.of("riskModel", "false")));
    KeywordDetector byDefault = factory.create(ProviderSettings.none());
    String text = "he's kicking the bathroom door and says this time he'll finish it";
    KeywordDetector.Lexicon lexicon = DefaultLexicons.forSector("survivor-support");

    assertThat(phrasesOnly.detect(text, "en", lexicon)).noneMatch(
        m -> LexiconKeywordDetector.RISK_MODEL.equals(m.category()));
    assertThat(byDefault.detect(text, "en", lexicon)).anyMatch(
        m -> LexiconKeywordDetector.RISK_MODEL.equals(m.category()));
    assertThat(byDefault.version()).isNotEqualTo(phrasesOnly.version());
  }

  @Test
  void theTrainingSetsAreWellFormedAndLargeEnough() {
    List<LabelledMessages.Message> training = LabelledMessages.training();
    assertThat(training).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(training).extracting(LabelledMessages.Message::language).containsOnly("en", "es");
    assertThat(training).extracting(LabelledMessages.Message::id).doesNotHaveDuplicates();
  }
}
