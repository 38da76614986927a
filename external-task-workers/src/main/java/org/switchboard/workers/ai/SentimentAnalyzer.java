package org.switchboard.workers.ai;

/** Sentiment and distress of a message. */
public interface SentimentAnalyzer extends AiProvider {

  Sentiment analyze(String text, String language);

  /**
   * @param score -1 (very negative) .. 1 (very positive)
   * @param distress 0 (none) .. 1 (acute)
   * @param label {@code NEGATIVE}, {@code NEUTRAL} or {@code POSITIVE}
   */
  record Sentiment(double score, double distress, String label) {
  }
}
