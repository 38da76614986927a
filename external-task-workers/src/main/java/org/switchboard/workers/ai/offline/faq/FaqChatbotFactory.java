package org.switchboard.workers.ai.offline.faq;

import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * {@code offline-faq} for CHATBOT. Settings: {@code threshold} (0..1, default 0.5), {@code sector} (the shipped FAQ
 * used when a turn carries no knowledge base; default none).
 */
@Component
public class FaqChatbotFactory implements AiProviderFactory<Chatbot> {

  @Override
  public AiService service() {
    return AiService.CHATBOT;
  }

  @Override
  public String providerId() {
    return FaqChatbot.ID;
  }

  @Override
  public Chatbot create(ProviderSettings settings) {
    return new FaqChatbot(Double.parseDouble(settings.getOrDefault("threshold", "0.5")),
        settings.get("sector").orElse(null));
  }
}
