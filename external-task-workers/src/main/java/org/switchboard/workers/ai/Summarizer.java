package org.switchboard.workers.ai;

import java.util.List;

/** Summaries of conversations and cases. */
public interface Summarizer extends AiProvider {

  /**
   * @param utterances the conversation or case text in order, one entry per message or note (may carry a
   *     {@code "Agent: "}/{@code "Contact: "} prefix)
   */
  Summary summarize(List<String> utterances, String language, int maxSentences);

  record Summary(String text, List<String> keyPoints) {
    public Summary {
      keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
    }
  }
}
