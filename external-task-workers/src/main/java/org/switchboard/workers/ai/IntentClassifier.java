package org.switchboard.workers.ai;

import java.util.List;

/** What a message asks for, among a sector's intents. */
public interface IntentClassifier extends AiProvider {

  IntentResult classify(String text, String language, IntentModel model);

  /** Intents with example phrases; {@code version} is part of cache keys. */
  record IntentModel(String id, String version, List<Intent> intents) {
    public IntentModel {
      intents = List.copyOf(intents);
    }

    public record Intent(String name, List<String> examples) {
      public Intent {
        examples = List.copyOf(examples);
      }
    }
  }

  /** {@code intent} is null when nothing reached a useful confidence; {@code ranking} best first. */
  record IntentResult(String intent, double confidence, List<Scored> ranking) {
    public IntentResult {
      ranking = ranking == null ? List.of() : List.copyOf(ranking);
    }

    public record Scored(String intent, double confidence) {
    }
  }
}
