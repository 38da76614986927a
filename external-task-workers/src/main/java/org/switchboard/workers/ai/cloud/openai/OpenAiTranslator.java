package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Translator;

/** Translation by an LLM; placeholders such as [PHONE_1] left by redaction are kept verbatim. */
public class OpenAiTranslator extends OpenAiProvider implements Translator {

  public OpenAiTranslator(OpenAiClient client) {
    super(client);
  }

  @Override
  public Translation translate(String text, String sourceLanguage, String targetLanguage) {
    String instructions = """
        Translate the user's text %sinto the language with ISO 639-1 code '%s'. Keep placeholders in square
        brackets (like [PHONE_1]) unchanged. Answer only with a JSON object:
        {"translation": "...", "sourceLanguage": "<ISO 639-1 code of the original>"}."""
        .formatted(sourceLanguage == null ? "" : "from '" + sourceLanguage + "' ", targetLanguage);
    JsonNode answer = client.chatJson(instructions, text);
    String translation = answer.path("translation").asText(null);
    if (translation == null) {
      throw new AiUnavailableException(id() + " returned no translation");
    }
    String detected = answer.path("sourceLanguage").asText(sourceLanguage);
    return new Translation(translation, detected);
  }
}
