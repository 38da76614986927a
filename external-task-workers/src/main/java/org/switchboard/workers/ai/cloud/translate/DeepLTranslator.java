package org.switchboard.workers.ai.cloud.translate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Translator;
import org.switchboard.workers.ai.cloud.ApiKeyProvider;
import org.switchboard.workers.ai.cloud.CloudHttp;

/**
 * DeepL API v2 ({@code POST /v2/translate}, header {@code Authorization: DeepL-Auth-Key}). Free-plan keys use
 * {@code https://api-free.deepl.com} as {@code baseUrl}. Redaction placeholders are protected with DeepL's
 * {@code ignore_tags} by wrapping them in {@code <x>} tags.
 */
public class DeepLTranslator extends ApiKeyProvider implements Translator {

  public static final String ID = "deepl";

  public DeepLTranslator(ProviderSettings settings) {
    super(ID, settings, "https://api.deepl.com");
  }

  @Override
  public String version() {
    return "v2";
  }

  @Override
  public Translation translate(String text, String sourceLanguage, String targetLanguage) {
    Map<String, Object> body = new HashMap<>();
    body.put("text", List.of(text));
    body.put("target_lang", targetLanguage.toUpperCase(Locale.ROOT));
    if (sourceLanguage != null) {
      body.put("source_lang", sourceLanguage.toUpperCase(Locale.ROOT));
    }
    JsonNode answer = CloudHttp.call(ID, () -> http.post().uri("/v2/translate")
        .header("Authorization", "DeepL-Auth-Key " + apiKey())
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
    JsonNode first = answer.path("translations").path(0);
    if (!first.has("text")) {
      throw new AiUnavailableException(ID + " returned no translation");
    }
    return new Translation(first.path("text").asText(),
        first.path("detected_source_language").asText(sourceLanguage == null ? "und" : sourceLanguage)
            .toLowerCase(Locale.ROOT));
  }
}
