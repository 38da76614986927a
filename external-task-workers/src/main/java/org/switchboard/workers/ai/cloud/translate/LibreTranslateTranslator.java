package org.switchboard.workers.ai.cloud.translate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Translator;
import org.switchboard.workers.ai.cloud.ApiKeyProvider;
import org.switchboard.workers.ai.cloud.CloudHttp;

/**
 * A LibreTranslate server ({@code POST /translate}), typically self-hosted next to Switchboard: set
 * {@code baseUrl}, and {@code external=false} when it runs inside the tenant's own network so text is not
 * redacted for it. The API key is optional (servers started with {@code --api-keys} need one).
 */
public class LibreTranslateTranslator extends ApiKeyProvider implements Translator {

  public static final String ID = "libretranslate";

  public LibreTranslateTranslator(ProviderSettings settings) {
    super(ID, settings, "http://localhost:5000");
  }

  @Override
  public String version() {
    return settings.getOrDefault("serverVersion", "1");
  }

  @Override
  protected boolean requiresApiKey() {
    return false;
  }

  @Override
  public Availability availability() {
    return settings.get("baseUrl").isPresent() ? Availability.ok()
        : Availability.unavailable("no baseUrl: LibreTranslate is self-hosted; set the server's address");
  }

  @Override
  public Translation translate(String text, String sourceLanguage, String targetLanguage) {
    Map<String, Object> body = new HashMap<>();
    body.put("q", text);
    body.put("source", sourceLanguage == null ? "auto" : sourceLanguage);
    body.put("target", targetLanguage);
    body.put("format", "text");
    settings.get("apiKey").ifPresent(key -> body.put("api_key", key));
    JsonNode answer = CloudHttp.call(ID, () -> http.post().uri("/translate")
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
    if (!answer.has("translatedText")) {
      throw new AiUnavailableException(ID + " returned no translation");
    }
    String detected = answer.path("detectedLanguage").path("language")
        .asText(sourceLanguage == null ? "und" : sourceLanguage);
    return new Translation(answer.path("translatedText").asText(), detected);
  }
}
