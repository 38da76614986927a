package org.switchboard.workers.ai.cloud.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.SentimentAnalyzer;
import org.switchboard.workers.ai.cloud.ApiKeyProvider;
import org.switchboard.workers.ai.cloud.CloudHttp;

/**
 * Google Cloud Natural Language {@code documents:analyzeSentiment} (v1) over HTTP. Google gives a score (-1..1) and
 * a magnitude (0..inf, how much emotion); distress is read as negative emotion: the negative part of the score
 * weighted by magnitude, saturating at a magnitude of 4.
 */
public class GoogleLanguageSentimentAnalyzer extends ApiKeyProvider implements SentimentAnalyzer {

  public static final String ID = "google-language";

  public GoogleLanguageSentimentAnalyzer(ProviderSettings settings) {
    super(ID, settings, "https://language.googleapis.com");
  }

  @Override
  public String version() {
    return "v1";
  }

  @Override
  public Sentiment analyze(String text, String language) {
    Map<String, Object> document = new HashMap<>();
    document.put("type", "PLAIN_TEXT");
    document.put("content", text);
    if (language != null && !"und".equals(language)) {
      document.put("language", language);
    }
    JsonNode answer = CloudHttp.call(ID, () -> http.post()
        .uri(u -> u.path("/v1/documents:analyzeSentiment").queryParam("key", apiKey()).build())
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("document", document, "encodingType", "UTF16"))
        .retrieve().body(JsonNode.class));
    JsonNode sentiment = answer.path("documentSentiment");
    if (!sentiment.has("score")) {
      throw new AiUnavailableException(ID + " returned no sentiment");
    }
    double score = Math.max(-1, Math.min(1, sentiment.path("score").asDouble()));
    double magnitude = Math.max(0, sentiment.path("magnitude").asDouble());
    double distress = score < 0 ? Math.min(1, -score * Math.min(1, 0.25 + magnitude / 4)) : 0;
    String label = score <= -0.25 ? "NEGATIVE" : score >= 0.25 ? "POSITIVE" : "NEUTRAL";
    return new Sentiment(score, distress, label);
  }
}
