package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.Summarizer.Summary;
import org.switchboard.workers.ai.offline.summary.ExtractiveSummarizer;

class ExtractiveSummarizerTest {

  private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

  private static final List<String> CHAT = List.of(
      "Agent: Hello, you're through to the support line. How can I help?",
      "Contact: Hi. I need help with somewhere to stay.",
      "Contact: My partner threatened to kill me last night and he has a knife in the house.",
      "Agent: I'm sorry that happened. Are you safe right now?",
      "Contact: I'm at my sister's flat until Friday. The kids are with me.",
      "Agent: Thank you. We can look for a refuge place today.",
      "Contact: Thanks.",
      "Agent: Is there anything else you need?",
      "Contact: I also need to get my documents back from the house.");

  @Test
  void keepsTheContactsKeyFactsWithinMaxSentences() {
    Summary summary = summarizer.summarize(CHAT, "en", 3);
    assertThat(summary.text()).contains("threatened to kill me", "until Friday");
    assertThat(summary.text()).doesNotContain("Thanks.", "Hello, you're through");
    assertThat(summary.text().split("(?<=[.!?])\\s+(?=(Agent|Contact):)")).hasSizeLessThanOrEqualTo(3);
    assertThat(summary.keyPoints().get(0)).startsWith("Risk (CRITICAL");
    assertThat(summary.keyPoints()).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void oneSentenceWhenAskedForOne() {
    Summary summary = summarizer.summarize(CHAT, "en", 1);
    assertThat(summary.text()).startsWith("Contact: ").contains("knife");
  }

  @Test
  void spanishConversation() {
    Summary summary = summarizer.summarize(List.of(
        "Agente: Buenas tardes, ¿en qué puedo ayudarle?",
        "Cliente: Hola. Me cobraron dos veces la factura de octubre.",
        "Agente: Lo reviso ahora mismo.",
        "Cliente: Son 45 euros cada cargo, necesito que me devuelvan uno.",
        "Cliente: Gracias."), "es", 2);
    assertThat(summary.text()).contains("Me cobraron dos veces", "45 euros");
    assertThat(summary.text()).doesNotContain("Gracias");
  }

  @Test
  void negatedRiskIsNotAKeyPointAndEmptyInputGivesEmptySummary() {
    Summary summary = summarizer.summarize(List.of("Contact: I'm not afraid of him anymore.",
        "Contact: I need help with my housing application."), "en", 1);
    assertThat(summary.keyPoints()).noneMatch(p -> p.startsWith("Risk"));
    assertThat(summarizer.summarize(List.of(), "en", 3).text()).isEmpty();
  }
}
