package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.switchboard.workers.ai.AiProvider.Availability;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.cloud.CloudHttp;

/**
 * Client of an OpenAI-compatible API (OpenAI itself, Azure OpenAI behind a compatible gateway, vLLM, Ollama,
 * LocalAI, self-hosted Whisper servers). Settings: {@code baseUrl} (default {@code https://api.openai.com/v1}),
 * {@code apiKey} (resolved by the gateway from the environment), {@code model}, {@code transcriptionModel},
 * {@code timeoutMs}, {@code jsonMode} (send {@code response_format=json_object}; turn off for servers without it),
 * {@code external} ({@code false} for a server inside the tenant's own network).
 */
public class OpenAiClient {

  static final String PROVIDER_ID = "openai";
  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  private final ObjectMapper json = new ObjectMapper();
  private final ProviderSettings settings;
  private final RestClient http;
  private final String model;

  public OpenAiClient(ProviderSettings settings) {
    this.settings = settings;
    this.http = CloudHttp.client(settings, DEFAULT_BASE_URL);
    this.model = settings.getOrDefault("model", "gpt-4o-mini");
  }

  String model() {
    return model;
  }

  String transcriptionModel() {
    return settings.getOrDefault("transcriptionModel", "whisper-1");
  }

  boolean external() {
    return !"false".equalsIgnoreCase(settings.getOrDefault("external", "true"));
  }

  /** Self-hosted servers often need no key; the public API does. */
  Availability availability() {
    boolean ownServer = settings.get("baseUrl").filter(url -> !url.startsWith(DEFAULT_BASE_URL)).isPresent();
    if (settings.get("apiKey").isEmpty() && !ownServer) {
      return Availability.unavailable("no API key: set the provider's apiKey secret reference to an environment "
          + "variable that holds it");
    }
    return Availability.ok();
  }

  /**
   * One chat completion whose answer is a JSON object.
   *
   * @param instructions the system message: the task and the exact JSON shape expected
   */
  JsonNode chatJson(String instructions, String input) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", instructions);
    messages.addObject().put("role", "user").put("content", input);
    if (!"false".equalsIgnoreCase(settings.getOrDefault("jsonMode", "true"))) {
      body.putObject("response_format").put("type", "json_object");
    }
    JsonNode answer = CloudHttp.call(PROVIDER_ID, () -> authorised(http.post().uri("/chat/completions"))
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
    String content = answer.path("choices").path(0).path("message").path("content").asText(null);
    if (content == null) {
      throw new AiUnavailableException(PROVIDER_ID + " answered without a message");
    }
    try {
      JsonNode parsed = json.readTree(stripCodeFence(content));
      if (parsed == null || !parsed.isObject()) {
        throw new AiUnavailableException(PROVIDER_ID + " answered with something other than a JSON object");
      }
      return parsed;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AiUnavailableException(PROVIDER_ID + " answered with text that is not JSON", e);
    }
  }

  /** {@code /audio/transcriptions} with {@code verbose_json} so segments and the language come back too. */
  JsonNode transcribe(byte[] audio, String contentType, String fileName, String languageHint) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(audio) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    form.add("model", transcriptionModel());
    form.add("response_format", "verbose_json");
    Optional.ofNullable(languageHint).filter(l -> !l.isBlank()).ifPresent(l -> form.add("language", l));
    return CloudHttp.call(PROVIDER_ID, () -> authorised(http.post().uri("/audio/transcriptions"))
        .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().body(JsonNode.class));
  }

  private RestClient.RequestBodySpec authorised(RestClient.RequestBodySpec request) {
    settings.get("apiKey").ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return request;
  }

  /** Some models wrap JSON in a Markdown code fence even when asked not to. */
  private static String stripCodeFence(String content) {
    String trimmed = content.strip();
    if (trimmed.startsWith("```")) {
      int firstLine = trimmed.indexOf('\n');
      int end = trimmed.lastIndexOf("```");
      if (firstLine > 0 && end > firstLine) {
        return trimmed.substring(firstLine + 1, end);
      }
    }
    return trimmed;
  }
}
