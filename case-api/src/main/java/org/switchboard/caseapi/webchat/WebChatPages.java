package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The widget's page and assets (classpath {@code webchat/}), rendered with the account's settings, and the
 * security headers that go with them. Nothing is loaded from anywhere but the app itself.
 */
@Component
public class WebChatPages {

  private final ObjectMapper mapper;
  private final WebChatProperties properties;
  private final Map<String, String> assets = new ConcurrentHashMap<>();

  public WebChatPages(ObjectMapper mapper, WebChatProperties properties) {
    this.mapper = mapper;
    this.properties = properties;
  }

  public String page(WebChatAccount account, boolean embedded) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("nickname", account.nickname().name().toLowerCase(Locale.ROOT));
    fields.put("topic", account.topic().name().toLowerCase(Locale.ROOT));
    fields.put("topics", account.topics());
    fields.put("consent", account.consent().name().toLowerCase(Locale.ROOT));
    fields.put("consentText", account.consentText());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("account", account.address());
    config.put("title", account.title());
    config.put("intro", account.intro());
    config.put("agentLabel", account.agentLabel());
    config.put("exitUrl", account.exitUrl());
    config.put("embedded", embedded);
    config.put("maxLength", properties.maxMessageLength());
    config.put("fields", fields);
    return asset("chat.html")
        .replace("{{title}}", HtmlUtils.htmlEscape(account.title()))
        .replace("{{config}}", scriptJson(config));
  }

  public String asset(String name) {
    return assets.computeIfAbsent(name, n -> {
      try (InputStream in = new ClassPathResource("webchat/" + n).getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Web chat asset " + n + " is missing", e);
      }
    });
  }

  /**
   * Strict CSP for the page: only the app's own scripts, styles and socket; no inline code; no form posts;
   * embedding only by the app itself and the account's allowed origins.
   */
  public Map<String, String> pageHeaders(WebChatAccount account, URI requestUri) {
    String host = requestUri.getRawAuthority();
    StringBuilder ancestors = new StringBuilder("'self'");
    for (String origin : account.allowedOrigins()) {
      ancestors.append(' ').append(origin);
    }
    Map<String, String> headers = new LinkedHashMap<>(commonHeaders());
    headers.put("Content-Security-Policy", String.join("; ", List.of(
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self' ws://" + host + " wss://" + host, "form-action 'none'", "base-uri 'none'",
        "object-src 'none'", "frame-ancestors " + ancestors)));
    headers.put("Cache-Control", "no-store");
    headers.put("Pragma", "no-cache");
    return headers;
  }

  /** Headers every /chat response carries. */
  public Map<String, String> commonHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    return headers;
  }

  /** JSON inside a script element: no sequence in it may end the element or open a comment. */
  private String scriptJson(Object value) {
    try {
      return mapper.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
          .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
