package org.switchboard.workers.ai;

/** The AI services the gateway offers; each has an interface in this package and providers implementing it. */
public enum AiService {
  KEYWORDS(KeywordDetector.class),
  SENTIMENT(SentimentAnalyzer.class),
  SUMMARY(Summarizer.class),
  LANGUAGE(LanguageDetector.class),
  TRANSLATION(Translator.class),
  PII(PiiDetector.class),
  INTENT(IntentClassifier.class),
  CHATBOT(Chatbot.class),
  TRANSCRIPTION(Transcriber.class);

  private final Class<? extends AiProvider> contract;

  AiService(Class<? extends AiProvider> contract) {
    this.contract = contract;
  }

  public Class<? extends AiProvider> contract() {
    return contract;
  }
}
