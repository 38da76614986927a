package org.switchboard.workers.ai.cloud;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.SentimentAnalyzer;
import org.switchboard.workers.ai.Transcriber;
import org.switchboard.workers.ai.Translator;
import org.switchboard.workers.ai.cloud.google.GoogleLanguageSentimentAnalyzer;
import org.switchboard.workers.ai.cloud.google.GoogleSpeechTranscriber;
import org.switchboard.workers.ai.cloud.google.GoogleTranslateTranslator;
import org.switchboard.workers.ai.cloud.translate.DeepLTranslator;
import org.switchboard.workers.ai.cloud.translate.LibreTranslateTranslator;

/** Single-service cloud providers over HTTP (the OpenAI-compatible and Dialogflow ones have their own). */
@Configuration(proxyBeanMethods = false)
public class CloudFactories {

  @Bean
  AiProviderFactory<Translator> deepLTranslation() {
    return AiProviderFactory.of(AiService.TRANSLATION, DeepLTranslator.ID, DeepLTranslator::new);
  }

  @Bean
  AiProviderFactory<Translator> libreTranslateTranslation() {
    return AiProviderFactory.of(AiService.TRANSLATION, LibreTranslateTranslator.ID, LibreTranslateTranslator::new);
  }

  @Bean
  AiProviderFactory<Translator> googleTranslation() {
    return AiProviderFactory.of(AiService.TRANSLATION, GoogleTranslateTranslator.ID, GoogleTranslateTranslator::new);
  }

  @Bean
  AiProviderFactory<Transcriber> googleSpeechTranscription() {
    return AiProviderFactory.of(AiService.TRANSCRIPTION, GoogleSpeechTranscriber.ID, GoogleSpeechTranscriber::new);
  }

  @Bean
  AiProviderFactory<SentimentAnalyzer> googleLanguageSentiment() {
    return AiProviderFactory.of(AiService.SENTIMENT, GoogleLanguageSentimentAnalyzer.ID,
        GoogleLanguageSentimentAnalyzer::new);
  }
}
