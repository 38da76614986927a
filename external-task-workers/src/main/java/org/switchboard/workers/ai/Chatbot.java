package org.switchboard.workers.ai;

import java.util.List;

/** A bot that answers first and hands over to a person when unsure or asked to. */
public interface Chatbot extends AiProvider {

  BotReply reply(BotTurn turn);

  /**
   * @param sessionId stable per conversation (Dialogflow session)
   * @param knowledgeBase the tenant's FAQ entries (used by the offline bot; cloud bots use their own agent)
   */
  record BotTurn(String tenantId, String sessionId, String text, String language, List<FaqEntry> knowledgeBase) {
    public BotTurn {
      knowledgeBase = knowledgeBase == null ? List.of() : List.copyOf(knowledgeBase);
    }
  }

  record FaqEntry(String id, String question, List<String> alternativeQuestions, String answer) {
    public FaqEntry {
      alternativeQuestions = alternativeQuestions == null ? List.of() : List.copyOf(alternativeQuestions);
    }
  }

  /**
   * @param text the answer to show, null when handing off
   * @param handoff true when a person should take over (low confidence, or the person asked for one)
   * @param matched the FAQ entry id or the intent name that produced the answer
   */
  record BotReply(String text, double confidence, boolean handoff, String matched, String handoffReason) {
  }
}
