package org.switchboard.workers.ai.cloud.openai;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.IntentClassifier;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.SentimentAnalyzer;
import org.switchboard.workers.ai.Summarizer;
import org.switchboard.workers.ai.Transcriber;
import org.switchboard.workers.ai.Translator;

/** The OpenAI-compatible provider (id {@code openai}) for every service it can serve. */
@Configuration(proxyBeanMethods = false)
public class OpenAiFactories {

  @Bean
  AiProviderFactory<SentimentAnalyzer> openAiSentiment() {
    return factory(AiService.SENTIMENT, s -> new OpenAiSentimentAnalyzer(new OpenAiClient(s)));
  }

  @Bean
  AiProviderFactory<Summarizer> openAiSummary() {
    return factory(AiService.SUMMARY, s -> new OpenAiSummarizer(new OpenAiClient(s)));
  }

  @Bean
  AiProviderFactory<Translator> openAiTranslation() {
    return factory(AiService.TRANSLATION, s -> new OpenAiTranslator(new OpenAiClient(s)));
  }

  @Bean
  AiProviderFactory<IntentClassifier> openAiIntent() {
    return factory(AiService.INTENT, s -> new OpenAiIntentClassifier(new OpenAiClient(s)));
  }

  @Bean
  AiProviderFactory<Chatbot> openAiChatbot() {
    return factory(AiService.CHATBOT, s -> new OpenAiChatbot(new OpenAiClient(s),
        Double.parseDouble(s.getOrDefault("minConfidence", "0.6"))));
  }

  @Bean
  AiProviderFactory<Transcriber> openAiTranscription() {
    return factory(AiService.TRANSCRIPTION, s -> new OpenAiTranscriber(new OpenAiClient(s)));
  }

  private static <P extends org.switchboard.workers.ai.AiProvider> AiProviderFactory<P> factory(AiService service,
      java.util.function.Function<ProviderSettings, P> create) {
    return AiProviderFactory.of(service, OpenAiClient.PROVIDER_ID, create);
  }
}
