package org.switchboard.caseapi.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The system's headless Chromium driven over the Chrome DevTools Protocol with the JDK's own WebSocket client:
 * no driver binary, no browser download, nothing from the network. Clicks are real mouse events at the element's
 * position, typing is real text input, so the page's own event handlers run as they do for a person.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STEP = Duration.ofSeconds(20);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The browser binary: {@code CHROMIUM_PATH}, else {@code /usr/bin/chromium}. */
  static Path executable() {
    String configured = System.getenv("CHROMIUM_PATH");
    return Paths.get(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
  }

  HeadlessChromium() throws Exception {
    Path binary = executable();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("No Chromium at " + binary + ": install Debian's chromium (apt-get install "
          + "chromium) or set CHROMIUM_PATH; the admin page test needs a real browser");
    }
    profile = Files.createTempDirectory("switchboard-chromium-");
    process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolve("chromium.log").toFile())
        .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    waitUntil("Chromium to open its DevTools port", () -> Files.exists(portFile) && lines(portFile).size() >= 2);
    int port = Integer.parseInt(lines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String[] page = new String[1];
    waitUntil("a page target", () -> {
      try {
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode t : targets) {
          if ("page".equals(t.path("type").asText())) {
            page[0] = t.path("webSocketDebuggerUrl").asText();
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    socket = http.newWebSocketBuilder().buildAsync(URI.create(page[0]), new Listener()).get(20, TimeUnit.SECONDS);
    send("Page.enable", Map.of());
    send("Runtime.enable", Map.of());
    send("Log.enable", Map.of());
  }

  void navigate(String url) {
    send("Page.navigate", Map.of("url", url));
    waitUntil("the page to load", () -> "complete".equals(evaluate("document.readyState").asText()));
  }

  JsonNode evaluate(String expression) {
    JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("Script failed: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits for the element, then clicks its centre with the mouse. */
  void click(String selector) {
    waitFor(selector);
    JsonNode box = evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
        + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    double x = box.path("x").asDouble();
    double y = box.path("y").asDouble();
    send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    send("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
    send("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
  }

  /** Focuses the field and types into it. */
  void type(String selector, String text) {
    click(selector);
    send("Input.insertText", Map.of("text", text));
  }

  void waitFor(String selector) {
    try {
      waitUntil(selector, () -> evaluate("!!document.querySelector(" + quote(selector) + ")").asBoolean());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; page text: " + evaluate("document.body.innerText").asText()
          + "; console: " + console, e);
    }
  }

  String text(String selector) {
    return evaluate("(document.querySelector(" + quote(selector) + ") || {}).textContent || ''").asText();
  }

  static void waitUntil(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(STEP);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what);
      }
    }
  }

  private JsonNode send(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
      message.set("params", JSON.valueToTree(params));
      socket.sendText(JSON.writeValueAsString(message), true).get(STEP.toSeconds(), TimeUnit.SECONDS);
      JsonNode response = answer.get(STEP.toSeconds(), TimeUnit.SECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + " failed: " + response.path("error"));
      }
      return response.path("result");
    } catch (Exception e) {
      throw new IllegalStateException("DevTools call " + method + " failed", e);
    } finally {
      pending.remove(id);
    }
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (socket != null) {
        socket.abort();
      }
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(buffer.toString());
          CompletableFuture<JsonNode> waiting = message.has("id") ? pending.get(message.get("id").asInt()) : null;
          if (waiting != null) {
            waiting.complete(message);
          } else if (message.path("method").asText().equals("Runtime.consoleAPICalled")
              || message.path("method").asText().equals("Runtime.exceptionThrown")
              || message.path("method").asText().equals("Log.entryAdded")) {
            console.add(message.path("params").toString());
          }
        } catch (IOException e) {
          // Not JSON: nothing waits for it.
        }
        buffer.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
