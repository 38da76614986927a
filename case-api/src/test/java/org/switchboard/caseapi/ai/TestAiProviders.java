package org.switchboard.caseapi.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiProviderFactory;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.PiiDetector;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.SentimentAnalyzer;
import org.switchboard.workers.ai.Transcriber;
import org.switchboard.workers.ai.Translator;

/**
 * Providers for the gateway tests, registered as real factory beans so the gateway finds them through its
 * normal lookup. Their behaviour comes from the tenant's settings ({@code probe}, {@code mode}), so tests running
 * in the shared context never disturb each other.
 */
public final class TestAiProviders {

  private TestAiProviders() {
  }

  /** Counts calls and keeps the texts each probe's providers received. */
  @Component
  public static class ProviderProbe {
    private final Map<String, List<String>> calls = new ConcurrentHashMap<>();

    void called(String probe, String text) {
      if (probe != null) {
        calls.computeIfAbsent(probe, p -> new CopyOnWriteArrayList<>()).add(text);
      }
    }

    public int count(String probe) {
      return calls.getOrDefault(probe, List.of()).size();
    }

    public List<String> texts(String probe) {
      return new ArrayList<>(calls.getOrDefault(probe, List.of()));
    }
  }

  /**
   * Offline sentiment scripted by settings: {@code mode} ok (default), fail (AiUnavailableException), slow (sleeps
   * far beyond any timeout), down (reports unavailable); {@code label}; {@code version}.
   */
  static class ScriptedSentiment implements SentimentAnalyzer {
    private final String id;
    private final ProviderSettings settings;
    private final ProviderProbe probe;

    ScriptedSentiment(String id, ProviderSettings settings, ProviderProbe probe) {
      this.id = id;
      this.settings = settings;
      this.probe = probe;
    }

    @Override
    public Sentiment analyze(String text, String language) {
      probe.called(settings.get("probe").orElse(null), text);
      switch (settings.getOrDefault("mode", "ok")) {
        case "fail" -> throw new AiUnavailableException("scripted failure");
        case "slow" -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Sentiment(0, 0, "LATE");
        }
        default -> {
          return new Sentiment(-0.5, 0.25, settings.getOrDefault("label", "NEGATIVE"));
        }
      }
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String version() {
      return settings.getOrDefault("version", "1.0");
    }

    @Override
    public boolean external() {
      return false;
    }

    @Override
    public Availability availability() {
      return settings.getOrDefault("mode", "ok").equals("down") ? Availability.unavailable("scripted: down")
          : Availability.ok();
    }
  }

  @Component
  public static class PrimarySentimentFactory implements AiProviderFactory<SentimentAnalyzer> {
    private final ProviderProbe probe;

    public PrimarySentimentFactory(ProviderProbe probe) {
      this.probe = probe;
    }

    @Override
    public AiService service() {
      return AiService.SENTIMENT;
    }

    @Override
    public String providerId() {
      return "test-primary";
    }

    @Override
    public SentimentAnalyzer create(ProviderSettings settings) {
      return new ScriptedSentiment(providerId(), settings, probe);
    }
  }

  @Component
  public static class BackupSentimentFactory implements AiProviderFactory<SentimentAnalyzer> {
    private final ProviderProbe probe;

    public BackupSentimentFactory(ProviderProbe probe) {
      this.probe = probe;
    }

    @Override
    public AiService service() {
      return AiService.SENTIMENT;
    }

    @Override
    public String providerId() {
      return "test-backup";
    }

    @Override
    public SentimentAnalyzer create(ProviderSettings settings) {
      return new ScriptedSentiment(providerId(), settings, probe);
    }
  }

  /** An external provider speaking a small JSON protocol over HTTP (WireMock in the tests); needs {@code baseUrl}. */
  static class HttpProvider {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    final ProviderSettings settings;

    HttpProvider(ProviderSettings settings) {
      this.settings = settings;
    }

    JsonNode post(String path, Map<String, Object> body) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.get("baseUrl").orElseThrow() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        settings.get("apiKey").ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new AiUnavailableException("HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
      } catch (java.io.IOException e) {
        throw new AiUnavailableException("I/O: " + e.getClass().getSimpleName(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AiUnavailableException("interrupted", e);
      }
    }

    public String version() {
      return settings.getOrDefault("model", "http-1");
    }

    public boolean external() {
      return true;
    }

    public org.switchboard.workers.ai.AiProvider.Availability availability() {
      return settings.get("baseUrl").isPresent() ? org.switchboard.workers.ai.AiProvider.Availability.ok()
          : org.switchboard.workers.ai.AiProvider.Availability.unavailable("baseUrl is not configured");
    }
  }

  @Component
  public static class HttpSentimentFactory implements AiProviderFactory<SentimentAnalyzer> {
    @Override
    public AiService service() {
      return AiService.SENTIMENT;
    }

    @Override
    public String providerId() {
      return "test-http";
    }

    @Override
    public SentimentAnalyzer create(ProviderSettings settings) {
      class Http extends HttpProvider implements SentimentAnalyzer {
        Http(ProviderSettings s) {
          super(s);
        }

        @Override
        public Sentiment analyze(String text, String language) {
          JsonNode answer = post("/sentiment", Map.of("text", text));
          return new Sentiment(answer.path("score").asDouble(), 0, answer.path("label").asText());
        }

        @Override
        public String id() {
          return providerId();
        }
      }
      return new Http(settings);
    }
  }

  @Component
  public static class HttpTranslatorFactory implements AiProviderFactory<Translator> {
    @Override
    public AiService service() {
      return AiService.TRANSLATION;
    }

    @Override
    public String providerId() {
      return "test-http";
    }

    @Override
    public Translator create(ProviderSettings settings) {
      class Http extends HttpProvider implements Translator {
        Http(ProviderSettings s) {
          super(s);
        }

        @Override
        public Translation translate(String text, String sourceLanguage, String targetLanguage) {
          JsonNode answer = post("/translate", Map.of("text", text, "target", targetLanguage));
          return new Translation(answer.path("text").asText(), answer.path("source").asText(null));
        }

        @Override
        public String id() {
          return providerId();
        }
      }
      return new Http(settings);
    }
  }

  /** Offline PII detection for redaction until the real offline detector is installed: emails, phones, cards. */
  @Component
  public static class RegexPiiFactory implements AiProviderFactory<PiiDetector> {
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{7,}\\d");

    @Override
    public AiService service() {
      return AiService.PII;
    }

    @Override
    public String providerId() {
      return "test-regex-pii";
    }

    @Override
    public PiiDetector create(ProviderSettings settings) {
      return new PiiDetector() {
        @Override
        public List<PiiEntity> detect(String text, String defaultRegion) {
          List<PiiEntity> found = new ArrayList<>();
          add(found, EMAIL, text, PiiType.EMAIL);
          add(found, CARD, text, PiiType.CARD_NUMBER);
          add(found, PHONE, text, PiiType.PHONE);
          return found;
        }

        private void add(List<PiiEntity> found, Pattern pattern, String text, PiiType type) {
          Matcher m = pattern.matcher(text);
          while (m.find()) {
            int s = m.start();
            int e = m.end();
            if (found.stream().noneMatch(f -> f.start() < e && s < f.end())) {
              found.add(new PiiEntity(type, s, e, 0.9));
            }
          }
        }

        @Override
        public String id() {
          return providerId();
        }

        @Override
        public String version() {
          return "regex-1";
        }

        @Override
        public boolean external() {
          return false;
        }

        @Override
        public Availability availability() {
          return Availability.ok();
        }
      };
    }
  }

  /** Offline transcription stand-in: "hears" the byte count, so tests need no speech engine. */
  @Component
  public static class CountingTranscriberFactory implements AiProviderFactory<Transcriber> {
    @Override
    public AiService service() {
      return AiService.TRANSCRIPTION;
    }

    @Override
    public String providerId() {
      return "test-transcriber";
    }

    @Override
    public Transcriber create(ProviderSettings settings) {
      return new Transcriber() {
        @Override
        public Transcript transcribe(byte[] audio, String contentType, String languageHint) {
          return new Transcript("heard " + audio.length + " bytes of " + contentType, languageHint,
              List.of(new Transcript.Segment(0, 1, "heard")));
        }

        @Override
        public String id() {
          return providerId();
        }

        @Override
        public String version() {
          return "count-1";
        }

        @Override
        public boolean external() {
          return false;
        }

        @Override
        public Availability availability() {
          return Availability.ok();
        }
      };
    }
  }
}
