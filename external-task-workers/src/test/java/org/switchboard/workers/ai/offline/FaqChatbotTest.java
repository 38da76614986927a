package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.Chatbot.BotReply;
import org.switchboard.workers.ai.Chatbot.BotTurn;
import org.switchboard.workers.ai.Chatbot.FaqEntry;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.offline.faq.DefaultFaqs;
import org.switchboard.workers.ai.offline.faq.FaqChatbotFactory;

class FaqChatbotTest {

  private final FaqChatbotFactory factory = new FaqChatbotFactory();
  private final Chatbot bot = factory.create(ProviderSettings.none());
  private final List<FaqEntry> shop = DefaultFaqs.forSector("customer-service", null);

  private BotReply ask(String text, String language, List<FaqEntry> kb) {
    return bot.reply(new BotTurn("t1", "s1", text, language, kb));
  }

  @Test
  void answersFromTheTenantsKnowledgeBase() {
    BotReply reply = ask("where's my parcel?? it hasnt arrived yet", "en", shop);
    assertThat(reply.handoff()).isFalse();
    assertThat(reply.matched()).isEqualTo("track_order-en");
    assertThat(reply.text()).contains("Track your order");
    BotReply spanish = ask("cómo me doy de baja de la suscripción", "es", shop);
    assertThat(spanish.matched()).isEqualTo("cancel_subscription-es");
    List<FaqEntry> own = List.of(new FaqEntry("parking", "Where can I park?", List.of("Is there parking?"),
        "Free parking behind the building."));
    assertThat(ask("is there any parking near you", "en", own).text()).isEqualTo("Free parking behind the building.");
  }

  @Test
  void handsOffBelowTheThresholdWithAReason() {
    BotReply reply = ask("my neighbour's cat keeps singing opera", "en", shop);
    assertThat(reply.handoff()).isTrue();
    assertThat(reply.handoffReason()).isEqualTo("low-confidence");
    assertThat(reply.text()).isNull();
    Chatbot lenient = factory.create(new ProviderSettings(Map.of("threshold", "0.0")));
    assertThat(lenient.reply(new BotTurn("t1", "s1", "my neighbour's cat keeps singing opera", "en", shop))
        .handoff()).isFalse();
  }

  @Test
  void handsOffWhenAPersonIsAskedFor() {
    assertThat(ask("can I talk to a person please", "en", shop).handoffReason()).isEqualTo("requested-human");
    assertThat(ask("AGENT", "en", shop).handoffReason()).isEqualTo("requested-human");
    assertThat(ask("quiero hablar con alguien", "es", shop).handoffReason()).isEqualTo("requested-human");
    assertThat(ask("I don't need an agent, where is my order", "en", shop).handoff()).isFalse();
  }

  @Test
  void handsOffOnRiskInsteadOfAnswering() {
    BotReply reply = ask("what are your opening hours, he has a knife and is outside my door", "en",
        DefaultFaqs.forSector("survivor-support", "en"));
    assertThat(reply.handoff()).isTrue();
    assertThat(reply.handoffReason()).startsWith("risk:");
  }

  @Test
  void usesTheSectorFaqWhenTheTurnHasNoKnowledgeBase() {
    Chatbot health = factory.create(new ProviderSettings(Map.of("sector", "healthcare")));
    BotReply reply = health.reply(new BotTurn("t1", "s1", "¿abren los sábados?", "es", null));
    assertThat(reply.matched()).isEqualTo("hours-es");
    assertThat(ask("anything", "en", List.of()).handoffReason()).isEqualTo("no-knowledge-base");
  }
}
