package org.switchboard.caseapi.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.knowledgebase.TenantKnowledgeBase.Candidate;
import org.switchboard.caseapi.knowledgebase.TenantKnowledgeBase.Candidates;
import org.switchboard.caseapi.knowledgebase.TenantKnowledgeBase.Source;
import org.switchboard.workers.ai.Chatbot.FaqEntry;

/** Language filtering of the knowledge base offered to the bot. */
class TenantKnowledgeBaseTest {

  private final Candidates kb = new Candidates(Source.TENANT, List.of(
      new Candidate(new FaqEntry("a", "Opening hours?", List.of(), "9 to 5."), "en"),
      new Candidate(new FaqEntry("b", "¿Horario?", List.of(), "De 9 a 17."), "es")));

  @Test
  void aKnownLanguageOffersOnlyItsEntries() {
    assertThat(kb.entries("es")).extracting(FaqEntry::id).containsExactly("b");
    assertThat(kb.languages()).containsExactly("en", "es");
  }

  @Test
  void anUnknownLanguageOrOneWithoutEntriesOffersThemAll() {
    assertThat(kb.entries(null)).extracting(FaqEntry::id).containsExactly("a", "b");
    assertThat(kb.entries("und")).extracting(FaqEntry::id).containsExactly("a", "b");
    assertThat(kb.entries("fr")).extracting(FaqEntry::id).containsExactly("a", "b");
  }

  @Test
  void shippedEntriesTakeTheirLanguageFromTheirId() {
    assertThat(TenantKnowledgeBase.defaultLanguage(new FaqEntry("track_order-es", "q", List.of(), "a")))
        .isEqualTo("es");
  }
}
