package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Summarizer;

/** Abstractive summary of a conversation or case by an LLM. */
public class OpenAiSummarizer extends OpenAiProvider implements Summarizer {

  public OpenAiSummarizer(OpenAiClient client) {
    super(client);
  }

  @Override
  public Summary summarize(List<String> utterances, String language, int maxSentences) {
    String instructions = """
        You summarise a conversation or case file for the next caseworker. Keep facts the contact gave (risks,
        needs, agreed next steps); do not invent anything. At most %d sentences%s. Answer only with a JSON object:
        {"summary": "...", "keyPoints": ["...", "..."]}."""
        .formatted(Math.max(1, maxSentences), language == null ? "" : ", written in language '" + language + "'");
    JsonNode answer = client.chatJson(instructions, String.join("\n", utterances));
    String summary = answer.path("summary").asText("").strip();
    if (summary.isEmpty()) {
      throw new AiUnavailableException(id() + " returned no summary");
    }
    List<String> keyPoints = new ArrayList<>();
    answer.path("keyPoints").forEach(point -> {
      if (!point.asText("").isBlank()) {
        keyPoints.add(point.asText().strip());
      }
    });
    return new Summary(summary, keyPoints);
  }
}
