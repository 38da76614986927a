package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;

class RiskDetectionEvaluationTest {

  @Test
  void labelledSetIsLargeEnoughAndWellFormed() throws Exception {
    List<RiskDetectionEvaluation.Message> messages = RiskDetectionEvaluation.load();
    assertThat(messages).hasSizeGreaterThanOrEqualTo(300);
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.split()).isIn("dev", "test");
      assertThat(m.language()).isIn("en", "es");
      assertThat(m.label()).isIn(RiskDetectionEvaluation.LABELS);
      assertThat(m.text()).isNotBlank();
    });
  }

  @Test
  void theBlindHeldOutSetsAreWellFormed() throws Exception {
    java.util.Map<String, Integer> sizes = java.util.Map.of(RiskDetectionEvaluation.HELDOUT2, 120,
        RiskDetectionEvaluation.HELDOUT3, 300, RiskDetectionEvaluation.HELDOUT4, 320, RiskDetectionEvaluation.HELDOUT5,
        400);
    for (var set : sizes.entrySet()) {
      List<RiskDetectionEvaluation.Message> messages = RiskDetectionEvaluation.load(set.getKey());
      assertThat(messages).as(set.getKey()).hasSize(set.getValue());
      assertThat(messages).allSatisfy(m -> {
        assertThat(m.split()).startsWith("heldout");
        assertThat(m.language()).isIn("en", "es");
        assertThat(m.label()).isIn(RiskDetectionEvaluation.LABELS);
        assertThat(m.text()).isNotBlank();
      });
    }
  }

  @Test
  void evaluationRunsOnASubset() throws Exception {
    List<RiskDetectionEvaluation.Message> subset = RiskDetectionEvaluation.load().subList(0, 40);
    RiskDetectionEvaluation evaluation =
        new RiskDetectionEvaluation(new LexiconKeywordDetector(), DefaultLexicons.all());
    RiskDetectionEvaluation.Report report = evaluation.evaluate("subset", subset, m -> true);
    assertThat(report.messages()).isEqualTo(40);
    int total = 0;
    for (int[] row : report.confusion()) {
      for (int cell : row) {
        total += cell;
      }
    }
    assertThat(total).isEqualTo(40);
    assertThat(report.risk().precision()).isBetween(0.0, 1.0);
    assertThat(report.critical().recall()).isBetween(0.0, 1.0);
    assertThat(report.format()).contains("critical", "precision");
  }

  @Test
  void benchmarkLexiconHasFiveThousandPhrasesAndTheBaselineCompiles() {
    var lexicon = KeywordThroughputBenchmark.lexicon(KeywordThroughputBenchmark.PHRASES);
    assertThat(lexicon.entries()).hasSize(5000);
    String phrase = lexicon.entries().get(0).phrase();
    assertThat(KeywordThroughputBenchmark.alternation(lexicon).matcher("so " + phrase + " now").find()).isTrue();
  }
}
