package org.switchboard.caseapi.channels;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditTrail;
import org.switchboard.caseapi.security.RateCounters;

/**
 * Rate limit of {@code /webhooks/**} for forgers: a source whose requests were refused (bad or missing signature,
 * unknown account) {@code maxRefusals} times within {@code window} gets 429 with {@code Retry-After} for the rest of
 * the window, before any signature work. Genuine providers are never refused, so their traffic is never limited,
 * however high its rate. The source is the client address, or the first {@code X-Forwarded-For} address when the
 * request comes through a trusted proxy. The counts are shared by every node and survive restarts
 * ({@link RateCounters}, in the database): each webhook request reads its source's count, only refusals write.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookAbuseGuard {

  /** A source was throttled for refused webhooks; recorded once per source and window. */
  public static final String WEBHOOK_THROTTLED = "WEBHOOK_THROTTLED";

  static final String KIND = "webhook-refusals";

  private final RateCounters counters;
  private final ForwardedRequests forwarded;
  private final AuditTrail trail;
  private final Clock clock;
  private final int maxRefusals;
  private final Duration window;

  public WebhookAbuseGuard(RateCounters counters, ForwardedRequests forwarded, AuditTrail trail, Clock clock,
      WebhookProperties properties) {
    this.counters = counters;
    this.forwarded = forwarded;
    this.trail = trail;
    this.clock = clock;
    this.maxRefusals = properties.abuse().maxRefusals();
    this.window = properties.abuse().window();
  }

  /** Counts a refused request of this source; its window opens at its first refusal. */
  public void refused(HttpServletRequest request) {
    counters.hit(KIND, source(request), window);
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
        // One read per webhook request; a source that has used up its refusals waits for its window to close.
        Optional<RateCounters.Window> blocked = counters.current(KIND, source(request))
            .filter(w -> w.hits() >= maxRefusals);
        if (blocked.isEmpty()) {
          chain.doFilter(request, response);
          return;
        }
        auditOnce(request, blocked.get().hits());
        Duration wait = blocked.get().remaining(clock.instant());
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds() + 1)));
      }
    });
    registration.addUrlPatterns("/webhooks/*");
    registration.setName("webhookAbuseFilter");
    return registration;
  }

  private void auditOnce(HttpServletRequest request, long refusals) {
    String source = source(request);
    // Once per source and window, whichever node refuses first.
    if (counters.firstNotice(KIND, source)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("path", request.getRequestURI().length() > 200 ? request.getRequestURI().substring(0, 200)
          : request.getRequestURI());
      details.put("refusals", refusals);
      trail.record(new AuditEvent(WEBHOOK_THROTTLED, "webhook", clock.instant(), null, "webhook", null,
          source.length() > 100 ? source.substring(0, 100) : source, null, Outcome.DENIED, details));
    }
  }
}
