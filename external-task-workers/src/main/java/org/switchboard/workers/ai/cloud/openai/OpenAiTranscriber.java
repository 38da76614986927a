package org.switchboard.workers.ai.cloud.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Transcriber;

/** {@code /v1/audio/transcriptions} of OpenAI and of self-hosted Whisper servers that speak the same API. */
public class OpenAiTranscriber extends OpenAiProvider implements Transcriber {

  public OpenAiTranscriber(OpenAiClient client) {
    super(client);
  }

  @Override
  public String version() {
    return client.transcriptionModel();
  }

  @Override
  public Transcript transcribe(byte[] audio, String contentType, String languageHint) {
    JsonNode answer = client.transcribe(audio, contentType, "audio" + extension(contentType), languageHint);
    String text = answer.path("text").asText(null);
    if (text == null) {
      throw new AiUnavailableException(id() + " returned no transcript");
    }
    List<Transcript.Segment> segments = new ArrayList<>();
    answer.path("segments").forEach(s -> segments.add(new Transcript.Segment(
        s.path("start").asDouble(), s.path("end").asDouble(), s.path("text").asText("").strip())));
    return new Transcript(text.strip(), isoCode(answer.path("language").asText(null), languageHint), segments);
  }

  /** Whisper names the language in English ("english", "spanish"); the rest of Switchboard uses ISO 639-1. */
  static String isoCode(String language, String fallback) {
    if (language == null || language.isBlank()) {
      return fallback;
    }
    if (language.length() == 2) {
      return language.toLowerCase(Locale.ROOT);
    }
    for (String code : Locale.getISOLanguages()) {
      if (Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(language)) {
        return code;
      }
    }
    return fallback;
  }

  private static String extension(String contentType) {
    if (contentType == null) {
      return ".wav";
    }
    return switch (contentType.toLowerCase(Locale.ROOT).split(";")[0].strip()) {
      case "audio/mpeg", "audio/mp3" -> ".mp3";
      case "audio/ogg", "audio/opus" -> ".ogg";
      case "audio/webm" -> ".webm";
      case "audio/mp4", "audio/m4a", "audio/x-m4a" -> ".m4a";
      case "audio/flac" -> ".flac";
      default -> ".wav";
    };
  }
}
