package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.switchboard.workers.ai.AiProvider;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.ProviderSettings;

/** The gateway finds providers by service and provider id among the factory beans. */
class OfflineProviderFactoriesTest {

  @Test
  void everyServiceButTranslationHasAnOfflineFactoryBean() {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext("org.switchboard.workers.ai.offline")) {
      @SuppressWarnings("rawtypes")
      Collection<AiProviderFactory> factories = context.getBeansOfType(AiProviderFactory.class).values();
      Set<String> keys = factories.stream().map(f -> f.service() + "/" + f.providerId()).collect(Collectors.toSet());
      assertThat(keys).containsExactlyInAnyOrder("KEYWORDS/offline-lexicon", "SENTIMENT/offline-lexicon",
          "SUMMARY/offline-extractive", "LANGUAGE/opennlp", "PII/offline-rules", "INTENT/offline-nb",
          "CHATBOT/offline-faq", "TRANSCRIPTION/offline-pocketsphinx");
      for (AiProviderFactory<?> factory : factories) {
        AiProvider provider = factory.create(ProviderSettings.none());
        AiService service = factory.service();
        assertThat(service.contract()).isAssignableFrom(provider.getClass());
        assertThat(provider.id()).isEqualTo(factory.providerId());
        assertThat(provider.version()).isNotBlank();
        assertThat(provider.external()).isFalse();
        if (service != AiService.TRANSCRIPTION) {
          assertThat(provider.availability().available()).as(provider.id()).isTrue();
        } else if (!provider.availability().available()) {
          assertThat(provider.availability().reason()).isNotBlank();
        }
      }
    }
  }
}
