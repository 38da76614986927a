package org.switchboard.caseapi.ai.nextaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnowledgeBaseRetrievalTest {

  private final KnowledgeBaseRetrieval retrieval = new KnowledgeBaseRetrieval();

  @Test
  void aRefundQuestionInOtherWordsFindsTheRefundEntryFirst() {
    var hits = retrieval.bestMatches("customer-service", "When do I get my money back for the returned parcel?");

    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).faqId()).isEqualTo("refund-en");
    assertThat(hits).hasSizeLessThanOrEqualTo(KnowledgeBaseRetrieval.MAX_ENTRIES)
        .allSatisfy(h -> assertThat(h.score()).isGreaterThanOrEqualTo(KnowledgeBaseRetrieval.MIN_SCORE));
  }

  @Test
  void spanishWithoutAccentsFindsTheSpanishEntry() {
    var hits = retrieval.bestMatches("customer-service", "como pido un reembolso?");

    assertThat(hits.get(0).faqId()).isEqualTo("refund-es");
  }

  @Test
  void smallTalkAndUnknownSectorsFindNothing() {
    assertThat(retrieval.bestMatches("customer-service", "ok thanks")).isEmpty();
    assertThat(retrieval.bestMatches("generic", "How do I get a refund?")).isEmpty();
    assertThat(retrieval.bestMatches("customer-service", "  ")).isEmpty();
  }
}
