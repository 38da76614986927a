package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import org.switchboard.caseapi.web.ApiException;

/**
 * The web chat's HTTP side (docs/channels-webchat.md): the page, the embeddable script, the assets, and starting
 * and ending sessions. Not under /api: visitors have no account, the session token is their only credential.
 */
@Hidden
@RestController
public class WebChatController {

  private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);
  private static final MediaType CSS = new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8);

  private final WebChatAccounts accounts;
  private final WebChatSessions sessions;
  private final WebChatPages pages;
  private final WebChatOrigins origins;
  private final WebChatRateLimits limits;
  private final WebChatAudit audit;
  private final ObjectMapper mapper;

  public WebChatController(WebChatAccounts accounts, WebChatSessions sessions, WebChatPages pages,
      WebChatOrigins origins, WebChatRateLimits limits, WebChatAudit audit, ObjectMapper mapper) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.pages = pages;
    this.origins = origins;
    this.limits = limits;
    this.audit = audit;
    this.mapper = mapper;
  }

  /** The chat page: {@code ?account=<address>}, or {@code ?tenant=<id>}, or the default tenant's chat. */
  @GetMapping("/chat")
  public ResponseEntity<String> page(@RequestParam(required = false) String account,
      @RequestParam(required = false) String tenant, @RequestParam(defaultValue = "false") boolean embed,
      HttpServletRequest request) {
    WebChatAccount chat = accounts.resolve(account, tenant)
        .orElseThrow(() -> ApiException.notFound("Web chat", account == null ? String.valueOf(tenant) : account));
    HttpHeaders headers = new HttpHeaders();
    pages.pageHeaders(chat, requestUri(request)).forEach(headers::set);
    return ResponseEntity.ok().headers(headers).contentType(MediaType.TEXT_HTML).body(pages.page(chat, embed));
  }

  /** The script other sites embed: a launcher button that opens the chat in an iframe. */
  @GetMapping("/chat/widget.js")
  public ResponseEntity<String> widget() {
    return asset("widget.js", JAVASCRIPT, true);
  }

  @GetMapping("/chat/assets/{name:chat\\.js|chat\\.css}")
  public ResponseEntity<String> asset(@PathVariable String name) {
    return asset(name, name.endsWith(".js") ? JAVASCRIPT : CSS, false);
  }

  private ResponseEntity<String> asset(String name, MediaType type, boolean crossOrigin) {
    HttpHeaders headers = new HttpHeaders();
    pages.commonHeaders().forEach(headers::set);
    headers.setCacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic());
    headers.set("Cross-Origin-Resource-Policy", crossOrigin ? "cross-origin" : "same-origin");
    return ResponseEntity.ok().headers(headers).contentType(type).body(pages.asset(name));
  }

  /** The pre-chat form's answers. */
  public record StartSessionRequest(String account, String tenant, String nickname, String topic,
      Boolean consent) {
  }

  /** Starts a session after the pre-chat form; the token is returned once and never stored. */
  @PostMapping(value = "/chat/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) StartSessionRequest body,
      HttpServletRequest request) {
    StartSessionRequest form = body == null ? new StartSessionRequest(null, null, null, null, null) : body;
    WebChatAccount chat = accounts.resolve(form.account(), form.tenant())
        .orElseThrow(() -> ApiException.invalid("account", "Unknown web chat"));
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !origins.allowed(chat, origin, requestUri(request))) {
      audit.originRefused(chat.id(), origin, "/chat/sessions", request.getRemoteAddr());
      throw ApiException.forbidden("This site may not start chats");
    }
    if (!limits.start(request.getRemoteAddr())) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
          "Too many chats started from here; please wait a minute", java.util.List.of());
    }
    WebChatSessions.Started started = sessions.start(chat,
        new WebChatSessions.PreChat(form.nickname(), form.topic(), form.consent()), request.getRemoteAddr());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessionId", started.sessionId());
    out.put("token", started.token());
    out.put("socketPath", WebChatSocketConfiguration.PATH + "?account="
        + UriUtils.encodeQueryParam(chat.address(), java.nio.charset.StandardCharsets.UTF_8));
    return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(out);
  }

  /**
   * Ends the session the token belongs to (quick exit sends this with {@code navigator.sendBeacon}, which posts
   * text). The body is the token, or JSON {@code {"token": ..., "reason": "exit"}}. Always 204: the answer says
   * nothing about the token.
   */
  @PostMapping("/chat/sessions/end")
  public ResponseEntity<Void> end(@RequestBody(required = false) String body, HttpServletRequest request)
      throws IOException {
    String token = body == null ? null : body.strip();
    String reason = WebChatSessions.EXIT;
    if (token != null && token.startsWith("{")) {
      JsonNode json = mapper.readTree(token);
      token = json.path("token").asText(null);
      reason = "visitor".equals(json.path("reason").asText("exit")) ? WebChatSessions.VISITOR : WebChatSessions.EXIT;
    }
    if (token != null && !token.isEmpty()) {
      String why = reason;
      sessions.authenticate(token, null).ifPresentOrElse(s -> sessions.end(s, why),
          () -> audit.tokenRefused(null, "end request with an unknown, ended or expired token",
              request.getRemoteAddr()));
    }
    return ResponseEntity.noContent().build();
  }

  private static URI requestUri(HttpServletRequest request) {
    return URI.create(request.getRequestURL().toString());
  }
}
