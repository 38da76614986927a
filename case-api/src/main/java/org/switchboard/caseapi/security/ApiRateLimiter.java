package org.switchboard.caseapi.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Requests per minute per authenticated user and per tenant. A request of a member of several tenants counts
 * against each of them. Budgets are token buckets that refill continuously, so a client that keeps to its rate is
 * never refused and a burst may use a full minute's budget. With {@code switchboard.security.rate-limit.store:
 * database} (default) the buckets are {@link JdbcRateCounters}, shared by every node and kept over restarts, at
 * the cost of one short database statement per budget and request; with {@code memory} each node counts alone
 * (docs/security.md has the measured difference).
 */
@Component
public class ApiRateLimiter {

  static final String USER_KIND = "api-user";
  static final String TENANT_KIND = "api-tenant";
  static final String REFUSAL_NOTICE_KIND = "api-refusal-notices";
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Why a request was refused and when the client may retry. */
  public record Refusal(String limit, Duration retryAfter) {
  }

  private final RateCounters counters;
  private final long perUserPerMinute;
  private final long perTenantPerMinute;
  private final ConcurrentMap<String, Long> userLimits = new ConcurrentHashMap<>();

  @Autowired
  public ApiRateLimiter(SecurityProperties properties, RateCounters shared, Clock clock) {
    this(properties.rateLimit().store() == SecurityProperties.RateLimit.Store.MEMORY
            ? new MemoryRateCounters(clock) : shared,
        properties.rateLimit().perUserPerMinute(), properties.rateLimit().perTenantPerMinute());
  }

  ApiRateLimiter(RateCounters counters, long perUserPerMinute, long perTenantPerMinute) {
    if (perUserPerMinute < 1 || perTenantPerMinute < 1) {
      throw new IllegalArgumentException("switchboard.security.rate-limit: limits must be at least 1 per minute");
    }
    this.counters = counters;
    this.perUserPerMinute = perUserPerMinute;
    this.perTenantPerMinute = perTenantPerMinute;
  }

  /** Takes one request from the caller's budgets; a refusal takes nothing from the budgets it did not reach. */
  public Optional<Refusal> acquire(CurrentUser user) {
    Optional<Duration> wait = counters.take(USER_KIND, user.userId(),
        userLimits.getOrDefault(user.userId(), perUserPerMinute), MINUTE);
    if (wait.isPresent()) {
      return Optional.of(new Refusal("user", wait.get()));
    }
    for (String tenantId : user.tenantIds()) {
      Optional<Duration> tenantWait = counters.take(TENANT_KIND, tenantId, perTenantPerMinute, MINUTE);
      if (tenantWait.isPresent()) {
        return Optional.of(new Refusal("tenant", tenantWait.get()));
      }
    }
    return Optional.empty();
  }

  /** True for a user's first refusal in a minute, for all nodes together when the store is the database. */
  public boolean firstRefusalInMinute(String userId) {
    return counters.hit(REFUSAL_NOTICE_KIND, userId, MINUTE).hits() == 1;
  }

  /** Test hook: gives one user a full budget of its own (the shared test context keeps generous defaults). */
  void limitUser(String userId, long perMinute) {
    userLimits.put(userId, perMinute);
    counters.clear(USER_KIND, userId);
  }
}
