package org.switchboard.workers.ai;

/** Language of a text. */
public interface LanguageDetector extends AiProvider {

  /** @return ISO 639-1 code ({@code und} when unknown) and confidence 0..1 */
  LanguageGuess detect(String text);

  record LanguageGuess(String language, double confidence) {
  }
}
