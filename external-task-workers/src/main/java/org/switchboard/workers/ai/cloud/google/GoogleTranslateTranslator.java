package org.switchboard.workers.ai.cloud.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Translator;
import org.switchboard.workers.ai.cloud.ApiKeyProvider;
import org.switchboard.workers.ai.cloud.CloudHttp;

/** Google Cloud Translation basic (v2) over HTTP with an API key ({@code POST /language/translate/v2}). */
public class GoogleTranslateTranslator extends ApiKeyProvider implements Translator {

  public static final String ID = "google-translate";

  public GoogleTranslateTranslator(ProviderSettings settings) {
    super(ID, settings, "https://translation.googleapis.com");
  }

  @Override
  public String version() {
    return "v2";
  }

  @Override
  public Translation translate(String text, String sourceLanguage, String targetLanguage) {
    Map<String, Object> body = new HashMap<>();
    body.put("q", text);
    body.put("target", targetLanguage);
    body.put("format", "text");
    if (sourceLanguage != null) {
      body.put("source", sourceLanguage);
    }
    JsonNode answer = CloudHttp.call(ID, () -> http.post()
        .uri(u -> u.path("/language/translate/v2").queryParam("key", apiKey()).build())
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
    JsonNode first = answer.path("data").path("translations").path(0);
    if (!first.has("translatedText")) {
      throw new AiUnavailableException(ID + " returned no translation");
    }
    return new Translation(first.path("translatedText").asText(),
        first.path("detectedSourceLanguage").asText(sourceLanguage == null ? "und" : sourceLanguage));
  }
}
