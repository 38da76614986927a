package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.identity.CurrentUser;

class ApiRateLimiterTest {

  private static CurrentUser user(String id, String... tenants) {
    return new CurrentUser(id, Set.of("agents"), Set.of(tenants));
  }

  @Test
  void aUserBeyondTheirBudgetIsRefusedWithTheWait() {
    ApiRateLimiter limiter = new ApiRateLimiter(new MemoryRateCounters(Clock.systemUTC()), 3, 100);
    CurrentUser ann = user("ann", "t1");

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire(ann)).isEmpty();
    }
    ApiRateLimiter.Refusal refusal = limiter.acquire(ann).orElseThrow();

    assertThat(refusal.limit()).isEqualTo("user");
    assertThat(refusal.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
    assertThat(limiter.acquire(user("bob", "t1"))).as("other users keep their budget").isEmpty();
  }

  @Test
  void aTenantsUsersShareTheTenantBudget() {
    ApiRateLimiter limiter = new ApiRateLimiter(new MemoryRateCounters(Clock.systemUTC()), 10, 4);

    for (int i = 0; i < 4; i++) {
      assertThat(limiter.acquire(user("u" + i, "t1"))).isEmpty();
    }

    assertThat(limiter.acquire(user("u9", "t1")).orElseThrow().limit()).isEqualTo("tenant");
    assertThat(limiter.acquire(user("u9", "t2"))).as("other tenants keep their budget").isEmpty();
  }

  @Test
  void membersOfSeveralTenantsCountAgainstEach() {
    ApiRateLimiter limiter = new ApiRateLimiter(new MemoryRateCounters(Clock.systemUTC()), 10, 2);

    assertThat(limiter.acquire(user("multi", "a", "b"))).isEmpty();
    assertThat(limiter.acquire(user("multi", "a", "b"))).isEmpty();

    assertThat(limiter.acquire(user("single", "b"))).isPresent();
  }

  @Test
  void usersWithoutTenantsHaveTheirUserBudgetOnly() {
    ApiRateLimiter limiter = new ApiRateLimiter(new MemoryRateCounters(Clock.systemUTC()), 2, 1);

    assertThat(limiter.acquire(user("admin"))).isEmpty();
    assertThat(limiter.acquire(user("admin"))).isEmpty();
    assertThat(limiter.acquire(user("admin"))).isPresent();
  }

  @Test
  void storeMemoryCountsInThisNodeAndNeverTouchesTheSharedStore() {
    RateCounters database = (RateCounters) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RateCounters.class}, (proxy, method, args) -> {
          throw new AssertionError("the shared store was used: " + method.getName());
        });
    SecurityProperties properties = new SecurityProperties(new SecurityProperties.Login(5, Duration.ofMinutes(1),
        Duration.ofMinutes(15)), new SecurityProperties.RateLimit(1, 100, SecurityProperties.RateLimit.Store.MEMORY),
        new SecurityProperties.Oidc(null, null, "preferred_username", "groups", "tenants"));
    ApiRateLimiter limiter = new ApiRateLimiter(properties, database, Clock.systemUTC());

    assertThat(limiter.acquire(user("ann", "t1"))).isEmpty();
    assertThat(limiter.acquire(user("ann", "t1"))).isPresent();
  }
}
