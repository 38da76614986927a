package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import org.switchboard.workers.ai.Chatbot;

/**
 * An LLM that answers only from the tenant's knowledge base and hands over to a person otherwise. The
 * {@code minConfidence} setting (default 0.6) is the line below which it hands over even when it answered.
 */
public class OpenAiChatbot extends OpenAiProvider implements Chatbot {

  private final double minConfidence;

  public OpenAiChatbot(OpenAiClient client, double minConfidence) {
    super(client);
    this.minConfidence = minConfidence;
  }

  @Override
  public BotReply reply(BotTurn turn) {
    String knowledge = turn.knowledgeBase().stream()
        .map(f -> "[" + f.id() + "] Q: " + f.question() + "\nA: " + f.answer())
        .collect(Collectors.joining("\n\n"));
    String instructions = """
        You are the first responder of a helpline chat. Answer ONLY from these entries; never give advice that is
        not in them. If the person asks for a human, is in danger, or no entry answers the question, hand over.
        Entries:
        %s
        Answer only with a JSON object: {"answer": "<text or null>", "confidence": number 0..1,
        "handoff": true|false, "matched": "<entry id or null>", "reason": "<short reason when handing over>"}%s."""
        .formatted(knowledge, turn.language() == null ? "" : "; write the answer in language '" + turn.language() + "'");
    JsonNode answer = client.chatJson(instructions, turn.text());
    double confidence = clamp(answer.path("confidence").asDouble(0), 0, 1);
    String text = answer.path("answer").isTextual() ? answer.path("answer").asText().strip() : null;
    String matched = answer.path("matched").isTextual() ? answer.path("matched").asText() : null;
    boolean handoff = answer.path("handoff").asBoolean(false) || text == null || text.isEmpty()
        || confidence < minConfidence;
    String reason = handoff
        ? answer.path("reason").asText(confidence < minConfidence ? "confidence below threshold" : "no answer")
        : null;
    return new BotReply(handoff ? null : text, confidence, handoff, matched, reason);
  }
}
