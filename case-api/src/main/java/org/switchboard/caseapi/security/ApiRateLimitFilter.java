package org.switchboard.caseapi.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Refuses authenticated API requests beyond the caller's budget ({@link ApiRateLimiter}) with 429 and
 * Retry-After. Not a bean: registered in the API security chain only, after authentication.
 */
public class ApiRateLimitFilter extends OncePerRequestFilter {

  /** Writes the refusal; the security configuration owns the problem+json format. */
  @FunctionalInterface
  public interface Refuser {
    void refuse(HttpServletResponse response, Duration retryAfter, String detail) throws IOException;
  }

  private final ApiRateLimiter limiter;
  private final SecurityAudit audit;
  private final Clock clock;
  private final Refuser refuser;
  private final ConcurrentMap<String, Instant> audited = new ConcurrentHashMap<>();

  public ApiRateLimitFilter(ApiRateLimiter limiter, SecurityAudit audit, Clock clock, Refuser refuser) {
    this.limiter = limiter;
    this.audit = audit;
    this.clock = clock;
    this.refuser = refuser;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiRateLimiter.Refusal> refusal = limiter.acquire(user);
    if (refusal.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    // One audit event per user and minute: refused floods must not turn into audit-row floods. This node's memory
    // answers first, so the cluster-wide check costs a node at most one write per user and minute.
    Instant now = clock.instant();
    Instant last = audited.get(user.userId());
    if (last == null || !now.isBefore(last.plusSeconds(60))) {
      audited.put(user.userId(), now);
      if (limiter.firstRefusalInMinute(user.userId())) {
        audit.rateLimited(user.userId(), request, refusal.get().limit());
      }
    }
    refuser.refuse(response, refusal.get().retryAfter(),
        "Rate limit of the " + refusal.get().limit() + " exceeded; retry later");
  }
}
