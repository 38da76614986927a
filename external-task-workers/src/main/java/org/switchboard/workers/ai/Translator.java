package org.switchboard.workers.ai;

/** Translation between languages (ISO 639-1 codes). */
public interface Translator extends AiProvider {

  /** @param sourceLanguage null to let the provider detect it */
  Translation translate(String text, String sourceLanguage, String targetLanguage);

  record Translation(String text, String detectedSourceLanguage) {
  }
}
