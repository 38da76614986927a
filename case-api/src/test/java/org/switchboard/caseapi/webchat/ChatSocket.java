package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) speaking the widget's protocol; collects every frame it receives. */
final class ChatSocket implements WebSocket.Listener, AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<JsonNode> frames = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private WebSocket socket;

  /** Connects with the given Origin header (null: none). */
  static ChatSocket connect(String baseUrl, String account, String origin) {
    ChatSocket client = new ChatSocket();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
    if (origin != null) {
      builder.header("Origin", origin);
    }
    URI uri = URI.create(baseUrl.replace("http://", "ws://") + "/chat/socket?account=" + account);
    client.socket = builder.buildAsync(uri, client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return client;
  }

  ChatSocket send(Map<String, ?> frame) {
    try {
      socket.sendText(MAPPER.writeValueAsString(frame), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return this;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  ChatSocket auth(String token) {
    return send(Map.of("type", "auth", "token", token));
  }

  /** The first received frame (old or new) matching the predicate, waiting up to 20 s. */
  JsonNode await(Predicate<JsonNode> matching) {
    Instant deadline = Instant.now().plus(WAIT);
    synchronized (frames) {
      while (true) {
        for (JsonNode f : frames) {
          if (matching.test(f)) {
            return f;
          }
        }
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          throw new AssertionError("No matching frame within " + WAIT + "; received " + frames);
        }
        try {
          frames.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  JsonNode await(String type) {
    return await(f -> type.equals(f.path("type").asText()));
  }

  List<JsonNode> frames() {
    synchronized (frames) {
      return List.copyOf(frames);
    }
  }

  /** The close code the server sent, waiting up to 20 s. */
  int closeCode() {
    return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        JsonNode frame = MAPPER.readTree(partial.toString());
        synchronized (frames) {
          frames.add(frame);
          frames.notifyAll();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        partial.setLength(0);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }
}
