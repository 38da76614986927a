package org.switchboard.caseapi.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Requests per minute per authenticated user and per tenant, in this node's memory (a cluster allows n times
 * the budget). A request of a member of several tenants counts against each of them. Buckets refill
 * greedily, so a client that keeps to its rate is never refused and a burst may use a full minute's budget.
 */
@Component
public class ApiRateLimiter {

  /** Why a request was refused and when the client may retry. */
  public record Refusal(String limit, Duration retryAfter) {
  }

  private final long perUserPerMinute;
  private final long perTenantPerMinute;
  private final ConcurrentMap<String, Bucket> users = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Bucket> tenants = new ConcurrentHashMap<>();

  @Autowired
  public ApiRateLimiter(SecurityProperties properties) {
    this(properties.rateLimit().perUserPerMinute(), properties.rateLimit().perTenantPerMinute());
  }

  ApiRateLimiter(long perUserPerMinute, long perTenantPerMinute) {
    if (perUserPerMinute < 1 || perTenantPerMinute < 1) {
      throw new IllegalArgumentException("switchboard.security.rate-limit: limits must be at least 1 per minute");
    }
    this.perUserPerMinute = perUserPerMinute;
    this.perTenantPerMinute = perTenantPerMinute;
  }

  /** Takes one request from the caller's budgets; a refusal takes nothing from the budgets it did not reach. */
  public Optional<Refusal> acquire(CurrentUser user) {
    ConsumptionProbe probe = users.computeIfAbsent(user.userId(), id -> bucket(perUserPerMinute))
        .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      return Optional.of(new Refusal("user", Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }
    for (String tenantId : user.tenantIds()) {
      ConsumptionProbe tenant = tenants.computeIfAbsent(tenantId, id -> bucket(perTenantPerMinute))
          .tryConsumeAndReturnRemaining(1);
      if (!tenant.isConsumed()) {
        return Optional.of(new Refusal("tenant", Duration.ofNanos(tenant.getNanosToWaitForRefill())));
      }
    }
    return Optional.empty();
  }

  /** Test hook: gives one user a budget of its own (the shared test context keeps generous defaults). */
  void limitUser(String userId, long perMinute) {
    users.put(userId, bucket(perMinute));
  }

  private static Bucket bucket(long perMinute) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .build();
  }
}
