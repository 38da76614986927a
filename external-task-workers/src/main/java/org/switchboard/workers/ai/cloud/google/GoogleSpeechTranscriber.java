package org.switchboard.workers.ai.cloud.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.Transcriber;
import org.switchboard.workers.ai.cloud.ApiKeyProvider;
import org.switchboard.workers.ai.cloud.CloudHttp;

/**
 * Google Cloud Speech-to-Text v1 {@code speech:recognize} over HTTP with an API key: synchronous recognition, so
 * up to one minute of audio (longer recordings need the asynchronous API and a bucket, not offered here).
 * The encoding comes from the content type; WAV and FLAC carry their own sample rate.
 */
public class GoogleSpeechTranscriber extends ApiKeyProvider implements Transcriber {

  public static final String ID = "google-speech";

  public GoogleSpeechTranscriber(ProviderSettings settings) {
    super(ID, settings, "https://speech.googleapis.com");
  }

  @Override
  public String version() {
    return "v1:" + settings.getOrDefault("model", "default");
  }

  @Override
  public Transcript transcribe(byte[] audio, String contentType, String languageHint) {
    Map<String, Object> config = new HashMap<>();
    String language = languageHint == null ? settings.getOrDefault("languageCode", "en-US") : languageHint;
    config.put("languageCode", language);
    config.put("enableAutomaticPunctuation", true);
    settings.get("model").ifPresent(model -> config.put("model", model));
    encoding(contentType).ifPresent(encoding -> config.put("encoding", encoding));
    Map<String, Object> body = Map.of("config", config,
        "audio", Map.of("content", Base64.getEncoder().encodeToString(audio)));
    JsonNode answer = CloudHttp.call(ID, () -> http.post()
        .uri(u -> u.path("/v1/speech:recognize").queryParam("key", apiKey()).build())
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
    List<String> parts = new ArrayList<>();
    String detected = null;
    for (JsonNode result : answer.path("results")) {
      String transcript = result.path("alternatives").path(0).path("transcript").asText("").strip();
      if (!transcript.isEmpty()) {
        parts.add(transcript);
      }
      if (detected == null && result.hasNonNull("languageCode")) {
        detected = result.path("languageCode").asText();
      }
    }
    String iso = (detected == null ? language : detected).split("-")[0].toLowerCase(Locale.ROOT);
    return new Transcript(String.join(" ", parts), iso, List.of());
  }

  private static java.util.Optional<String> encoding(String contentType) {
    if (contentType == null) {
      return java.util.Optional.empty();
    }
    return switch (contentType.toLowerCase(Locale.ROOT).split(";")[0].strip()) {
      case "audio/flac", "audio/x-flac" -> java.util.Optional.of("FLAC");
      case "audio/ogg", "audio/opus" -> java.util.Optional.of("OGG_OPUS");
      case "audio/webm" -> java.util.Optional.of("WEBM_OPUS");
      case "audio/mpeg", "audio/mp3" -> java.util.Optional.of("MP3");
      case "audio/amr" -> java.util.Optional.of("AMR");
      default -> java.util.Optional.empty(); // WAV (LINEAR16) is read from its header
    };
  }
}
