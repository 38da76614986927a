package org.switchboard.caseapi.channels;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.conversations.MediaFetcher.FetchedMedia;

/**
 * Downloads provider media for the media fetchers. Redirects are followed by hand so credentials go only to the
 * URL they were meant for (Twilio answers media URLs with a redirect to its storage, which must not see the auth
 * token). Content larger than {@code switchboard.files.max-size} is refused.
 */
@Component
public class MediaDownloads {

  private static final int MAX_REDIRECTS = 5;

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final long maxBytes;

  public MediaDownloads(SwitchboardProperties properties) {
    this.maxBytes = properties.files() == null || properties.files().maxSize() == null
        ? 25L * 1024 * 1024 : properties.files().maxSize().toBytes();
  }

  /** @param authorization the Authorization header for {@code url} itself, or null */
  public FetchedMedia get(String url, String authorization, String fileName) throws IOException {
    URI target = URI.create(url);
    String auth = authorization;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60)).GET();
      if (auth != null) {
        request.header("Authorization", auth);
      }
      HttpResponse<InputStream> response = send(request.build());
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        response.body().close();
        String location = response.headers().firstValue("Location")
            .orElseThrow(() -> new IOException("redirect without Location from " + host(url)));
        URI next = target.resolve(location);
        if (!next.getHost().equalsIgnoreCase(target.getHost()) || !next.getScheme().equals(target.getScheme())) {
          auth = null;
        }
        target = next;
        continue;
      }
      try (InputStream body = response.body()) {
        if (status != 200) {
          throw new IOException("media download answered HTTP " + status + " from " + host(url));
        }
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
          throw new IOException("media larger than " + maxBytes + " bytes from " + host(url));
        }
        Optional<String> type = response.headers().firstValue("Content-Type");
        return new FetchedMedia(content, type.orElse(null), fileName);
      }
    }
    throw new IOException("too many redirects from " + host(url));
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Hosts only in messages: media URLs can carry tokens in their query strings. */
  private static String host(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }
}
