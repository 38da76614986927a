package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.switchboard.workers.ai.SentimentAnalyzer;

/** Sentiment and distress from an LLM, asked for a fixed JSON shape and checked on the way back. */
public class OpenAiSentimentAnalyzer extends OpenAiProvider implements SentimentAnalyzer {

  static final String INSTRUCTIONS = """
      You rate one message sent to a helpline or service desk. Answer only with a JSON object:
      {"score": number from -1 (very negative) to 1 (very positive),
       "distress": number from 0 (none) to 1 (acute danger or despair),
       "label": "NEGATIVE" | "NEUTRAL" | "POSITIVE"}.
      Consider negation ("not afraid"), sarcasm and any language.""";

  private static final Set<String> LABELS = Set.of("NEGATIVE", "NEUTRAL", "POSITIVE");

  public OpenAiSentimentAnalyzer(OpenAiClient client) {
    super(client);
  }

  @Override
  public Sentiment analyze(String text, String language) {
    JsonNode answer = client.chatJson(INSTRUCTIONS, text);
    double score = clamp(answer.path("score").asDouble(Double.NaN), -1, 1);
    double distress = clamp(answer.path("distress").asDouble(Double.NaN), 0, 1);
    String label = answer.path("label").asText("").toUpperCase(Locale.ROOT);
    if (!LABELS.contains(label)) {
      label = score < -0.2 ? "NEGATIVE" : score > 0.2 ? "POSITIVE" : "NEUTRAL";
    }
    return new Sentiment(score, distress, label);
  }
}
