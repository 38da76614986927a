package org.switchboard.workers.ai.cloud.dialogflow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.IntentClassifier;

/** Dialogflow ES (id {@code dialogflow-es}) as chatbot and as intent classifier. */
@Configuration(proxyBeanMethods = false)
public class DialogflowFactories {

  @Bean
  AiProviderFactory<Chatbot> dialogflowChatbot() {
    return AiProviderFactory.of(AiService.CHATBOT, DialogflowSession.ID, DialogflowChatbot::new);
  }

  @Bean
  AiProviderFactory<IntentClassifier> dialogflowIntent() {
    return AiProviderFactory.of(AiService.INTENT, DialogflowSession.ID, DialogflowIntentClassifier::new);
  }
}
