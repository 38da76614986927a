package org.switchboard.caseapi.channels;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditTrail;

/**
 * Rate limit of {@code /webhooks/**} for forgers: a source whose requests were refused (bad or missing signature,
 * unknown account) {@code maxRefusals} times within {@code window} gets 429 with {@code Retry-After} for the rest of
 * the window, before any signature work. Genuine providers are never refused, so their traffic is never limited,
 * however high its rate. The source is the client address, or the first {@code X-Forwarded-For} address when the
 * request comes through a trusted proxy. State is per node.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookAbuseGuard {

  /** A source was throttled for refused webhooks; recorded once per source and window. */
  public static final String WEBHOOK_THROTTLED = "WEBHOOK_THROTTLED";

  private final ConcurrentMap<String, Window> refusals = new ConcurrentHashMap<>();
  private final ForwardedRequests forwarded;
  private final AuditTrail trail;
  private final Clock clock;
  private final int maxRefusals;
  private final Duration window;

  public WebhookAbuseGuard(ForwardedRequests forwarded, AuditTrail trail, Clock clock, WebhookProperties properties) {
    this.forwarded = forwarded;
    this.trail = trail;
    this.clock = clock;
    this.maxRefusals = properties.abuse().maxRefusals();
    this.window = properties.abuse().window();
  }

  private record Window(Instant start, int count, boolean audited) {
  }

  /** Counts a refused request of this source. */
  public void refused(HttpServletRequest request) {
    Instant now = clock.instant();
    if (refusals.size() > 100_000) {
      refusals.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
    }
    refusals.compute(source(request), (k, w) -> w == null || !now.isBefore(w.start().plus(window))
        ? new Window(now, 1, false) : new Window(w.start(), w.count() + 1, w.audited()));
  }

  /** How long this source must wait, when it has used up its refusals. */
  Optional<Duration> blockedFor(HttpServletRequest request) {
    Instant now = clock.instant();
    Window w = refusals.get(source(request));
    if (w == null || w.count() < maxRefusals || !now.isBefore(w.start().plus(window))) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, w.start().plus(window)));
  }

  String source(HttpServletRequest request) {
    String forwardedFor = request.getHeader("X-Forwarded-For");
    if (forwardedFor != null && !forwardedFor.isBlank() && forwarded.fromTrustedProxy(request)) {
      return forwardedFor.split(",")[0].strip();
    }
    return request.getRemoteAddr();
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> webhookAbuseFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Optional<Duration> wait = blockedFor(request);
        if (wait.isEmpty()) {
          chain.doFilter(request, response);
          return;
        }
        auditOnce(request);
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.get().toSeconds() + 1)));
      }
    });
    registration.addUrlPatterns("/webhooks/*");
    registration.setName("webhookAbuseFilter");
    return registration;
  }

  private void auditOnce(HttpServletRequest request) {
    String source = source(request);
    Window w = refusals.get(source);
    if (w == null || w.audited()) {
      return;
    }
    if (refusals.replace(source, w, new Window(w.start(), w.count(), true))) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("path", request.getRequestURI().length() > 200 ? request.getRequestURI().substring(0, 200)
          : request.getRequestURI());
      details.put("refusals", w.count());
      trail.record(new AuditEvent(WEBHOOK_THROTTLED, "webhook", clock.instant(), null, "webhook", null,
          source.length() > 100 ? source.substring(0, 100) : source, null, Outcome.DENIED, details));
    }
  }
}
