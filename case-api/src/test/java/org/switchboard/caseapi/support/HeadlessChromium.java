package org.switchboard.caseapi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol with java.net.http: no browser driver and
 * no npm package needed. One page target; {@link #eval} runs JavaScript in it, {@link #key}, {@link #click} and
 * {@link #type} send real input events. Used by the web chat and AI admin page browser tests; CI installs Debian's
 * chromium ({@code scripts/start-test-services.sh}).
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path EXECUTABLE = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
  /** Default JavaScript contexts of the page's frames by origin, the newest last (iframes included). */
  private final Map<String, Integer> contexts = new ConcurrentHashMap<>();

  public static boolean available() {
    return Files.isExecutable(EXECUTABLE);
  }

  public HeadlessChromium() throws Exception {
    profile = Files.createTempDirectory("webchat-chromium");
    process = new ProcessBuilder(EXECUTABLE.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-sync", "--remote-debugging-port=0",
        "--remote-allow-origins=*", "--user-data-dir=" + profile,
        // Cross-origin iframes in the page's own process, so their contexts are reachable from this session.
        "--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process", "about:blank")
        .redirectErrorStream(true).start();
    String browserUrl = awaitListening();
    int port = URI.create(browserUrl).getPort();
    HttpClient http = HttpClient.newHttpClient();
    String pageUrl = null;
    Instant deadline = Instant.now().plus(WAIT);
    while (pageUrl == null && Instant.now().isBefore(deadline)) {
      JsonNode targets = MAPPER.readTree(http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          pageUrl = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageUrl == null) {
        Thread.sleep(100);
      }
    }
    if (pageUrl == null) {
      throw new IllegalStateException("chromium opened no page");
    }
    page = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    command("Page.enable", Map.of());
    command("Runtime.enable", Map.of());
  }

  private String awaitListening() throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Keep draining chromium's output so it never blocks on a full pipe.
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // discard
            }
          } catch (IOException ignored) {
            // chromium exited
          }
        }, "chromium-output");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new IllegalStateException("chromium exited before its DevTools endpoint was up");
  }

  public JsonNode command(String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
    message.set("params", MAPPER.valueToTree(params));
    try {
      page.sendText(MAPPER.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      JsonNode response = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + " failed: " + response.get("error"));
      }
      return response.path("result");
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " failed", e);
    }
  }

  /** Navigates and waits until the page finished loading and {@code loaded} (JavaScript) is true. */
  public void navigate(String url, String loaded) {
    command("Page.navigate", Map.of("url", url));
    awaitTrue("document.readyState === 'complete' && (" + loaded + ")");
  }

  /** The value of a JavaScript expression (awaits promises). */
  public JsonNode eval(String expression) {
    JsonNode result = command("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true, "userGesture", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** The value of an expression in the newest frame of the given origin (e.g. the chat inside the launcher). */
  public JsonNode evalIn(String origin, String expression) {
    Integer context = contexts.get(origin);
    if (context == null) {
      throw new IllegalStateException("no frame of " + origin + " (yet)");
    }
    JsonNode result = command("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true, "userGesture", true, "contextId", context));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  public void awaitTrueIn(String origin, String expression) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (evalIn(origin, expression).asBoolean()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // frame not there or navigating
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Not true within " + WAIT + " in a frame of " + origin + ": " + expression);
  }

  public String evalString(String expression) {
    return eval(expression).asText();
  }

  /** Waits until the expression is true in the page (navigations in between are fine). */
  public void awaitTrue(String expression) {
    await(expression, JsonNode::asBoolean);
  }

  public JsonNode await(String expression, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plus(WAIT);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        last = eval(expression);
        if (condition.test(last)) {
          return last;
        }
      } catch (IllegalStateException navigating) {
        last = null;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Not true within " + WAIT + ": " + expression + " (last value " + last + ")");
  }

  /** A real key press (keydown and keyup), as a person's keyboard would send it to the focused element. */
  public void key(String key, int keyCode) {
    for (String type : new String[] {"keyDown", "keyUp"}) {
      command("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key,
          "windowsVirtualKeyCode", keyCode, "nativeVirtualKeyCode", keyCode));
    }
  }

  /** Navigates and waits for the page to finish loading. */
  public void navigate(String url) {
    navigate(url, "true");
  }

  /** Waits for the element, then clicks its centre with the mouse, like a person would. */
  public void click(String selector) {
    waitFor(selector);
    JsonNode box = eval("(() => { const e = document.querySelector(" + quote(selector) + ");"
        + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    double x = box.path("x").asDouble();
    double y = box.path("y").asDouble();
    command("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    command("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", x, "y", y, "button", "left",
        "clickCount", 1));
    command("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left",
        "clickCount", 1));
  }

  /** Clicks into the field and types the text. */
  public void type(String selector, String text) {
    click(selector);
    command("Input.insertText", Map.of("text", text));
  }

  /** Waits until an element matches the selector. */
  public void waitFor(String selector) {
    try {
      awaitTrue("!!document.querySelector(" + quote(selector) + ")");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; page text: " + evalString("document.body.innerText"), e);
    }
  }

  /** The text content of the first element matching the selector, or empty. */
  public String text(String selector) {
    return evalString("(document.querySelector(" + quote(selector) + ") || {}).textContent || ''");
  }

  private static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      page.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = MAPPER.readTree(partial.toString());
          if ("Runtime.executionContextCreated".equals(message.path("method").asText())) {
            JsonNode context = message.path("params").path("context");
            if (context.path("auxData").path("isDefault").asBoolean()) {
              contexts.put(context.path("origin").asText(), context.path("id").asInt());
            }
          }
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          partial.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
