package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.switchboard.workers.ai.IntentClassifier;

/** Picks one of the model's intents with an LLM; anything outside the list counts as no intent. */
public class OpenAiIntentClassifier extends OpenAiProvider implements IntentClassifier {

  private static final int EXAMPLES_PER_INTENT = 5;

  public OpenAiIntentClassifier(OpenAiClient client) {
    super(client);
  }

  @Override
  public IntentResult classify(String text, String language, IntentModel model) {
    String catalogue = model.intents().stream()
        .map(i -> "- " + i.name() + ": e.g. " + i.examples().stream().limit(EXAMPLES_PER_INTENT)
            .map(e -> "\"" + e + "\"").collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
    String instructions = """
        Classify the user's message into exactly one of these intents, or null when none fits:
        %s
        Answer only with a JSON object: {"intent": "<name>" or null, "confidence": number from 0 to 1}."""
        .formatted(catalogue);
    JsonNode answer = client.chatJson(instructions, text);
    String intent = answer.path("intent").isTextual() ? answer.path("intent").asText() : null;
    boolean known = intent != null && model.intents().stream().anyMatch(i -> i.name().equals(intent));
    if (!known) {
      return new IntentResult(null, 0, List.of());
    }
    double confidence = clamp(answer.path("confidence").asDouble(0.5), 0, 1);
    return new IntentResult(intent, confidence, List.of(new IntentResult.Scored(intent, confidence)));
  }
}
