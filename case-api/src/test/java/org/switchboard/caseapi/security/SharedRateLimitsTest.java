package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.switchboard.caseapi.crypto.Pseudonymizer;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SteppedClock;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/**
 * The login throttle and the API rate limits of a cluster, on PostgreSQL: each "node" is a guard built over its own
 * {@link JdbcRateCounters} on the one database, as separate JVMs would be. Budgets spent at one node count at the
 * other, a restarted node (a new instance) keeps them, and windows close on a stepped clock. User names and
 * addresses are random per test, so the shared database's other users are not affected.
 */
@SwitchboardTest
class SharedRateLimitsTest {

  @Autowired
  DataSource dataSource;
  @Autowired
  Pseudonymizer pseudonymizer;
  @Autowired
  SecurityAudit audit;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RateCounters applicationCounters;
  @Autowired
  TestFixtures fixtures;

  /** Real time (audit events are stamped with it), frozen until stepped. */
  private final SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final String user = "sharer-" + UUID.randomUUID();
  private final String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);

  @Test
  void failedLoginsAtOneNodeThrottleAtTheOtherAndAfterARestartUntilTheWindowCloses() {
    LoginGuard nodeA = loginGuard();
    LoginGuard nodeB = loginGuard();
    for (int i = 0; i < 2; i++) {
      nodeA.beforeCheck(user, request(), "basic");
      nodeA.failed(user, request(), "basic", "bad credentials");
    }
    nodeB.beforeCheck(user, request(), "basic");
    nodeB.failed(user, request(), "basic", "bad credentials");
    clock.step(Duration.ofSeconds(15));

    assertThatThrownBy(() -> nodeA.beforeCheck(user, request(), "basic"))
        .isInstanceOfSatisfying(LoginThrottledException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(45)));
    LoginGuard restarted = loginGuard();
    assertThatThrownBy(() -> restarted.beforeCheck(user, request(), "basic"))
        .as("a restart forgets nothing").isInstanceOf(LoginThrottledException.class);
    assertThat(events(SecurityAudit.LOGIN_THROTTLED)).as("once per window across nodes").isEqualTo(1);

    clock.step(Duration.ofSeconds(45));
    nodeB.beforeCheck(user, request(), "basic");
  }

  @Test
  void aSuccessAtOneNodeForgivesFailuresCountedAtAnother() {
    LoginGuard nodeA = loginGuard();
    LoginGuard nodeB = loginGuard();
    for (int i = 0; i < 2; i++) {
      nodeA.failed(user, request(), "basic", "bad credentials");
    }

    MockHttpServletRequest success = request();
    nodeB.beforeCheck(user, success, "basic");
    nodeB.succeeded(user, success, "basic");
    nodeA.failed(user, request(), "basic", "bad credentials");
    nodeA.failed(user, request(), "basic", "bad credentials");

    nodeA.beforeCheck(user, request(), "basic");
  }

  @Test
  void successesAtSeveralNodesAreAuditedOncePerWindow() {
    LoginGuard nodeA = loginGuard();
    LoginGuard nodeB = loginGuard();
    for (LoginGuard node : List.of(nodeA, nodeB, nodeA)) {
      MockHttpServletRequest request = request();
      node.beforeCheck(user, request, "basic");
      node.succeeded(user, request, "basic");
    }
    assertThat(events(SecurityAudit.LOGIN_SUCCEEDED)).isEqualTo(1);

    clock.step(Duration.ofMinutes(15));
    MockHttpServletRequest request = request();
    nodeB.beforeCheck(user, request, "basic");
    nodeB.succeeded(user, request, "basic");
    assertThat(events(SecurityAudit.LOGIN_SUCCEEDED)).isEqualTo(2);
  }

  @Test
  void refusedApiRequestsAtSeveralNodesAreAuditedOncePerMinute() throws Exception {
    ApiRateLimiter limiterA = apiLimiter(1, 1000);
    ApiRateLimiter limiterB = apiLimiter(1, 1000);
    List<Integer> refusals = new ArrayList<>();
    ApiRateLimitFilter.Refuser refuser = (response, retryAfter, detail) -> refusals.add(429);
    ApiRateLimitFilter nodeA = new ApiRateLimitFilter(limiterA, audit, clock, refuser);
    ApiRateLimitFilter nodeB = new ApiRateLimitFilter(limiterB, audit, clock, refuser);
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        new CurrentUser(user, Set.of("agents"), Set.of()), null, List.of()));
    try {
      for (ApiRateLimitFilter node : List.of(nodeA, nodeB, nodeA, nodeB)) {
        node.doFilter(request(), new MockHttpServletResponse(), new MockFilterChain());
      }
    } finally {
      SecurityContextHolder.clearContext();
    }

    assertThat(refusals).as("the first request passes, the budget is one").hasSize(3);
    assertThat(events(SecurityAudit.RATE_LIMITED)).isEqualTo(1);
  }

  @Test
  void anApiBudgetSpentAtOneNodeIsRefusedAtTheOtherWithTheRightRetryAfter() {
    String tenant = "tenant-" + UUID.randomUUID();
    ApiRateLimiter nodeA = apiLimiter(3, 1000);
    ApiRateLimiter nodeB = apiLimiter(3, 1000);
    CurrentUser caller = new CurrentUser(user, Set.of("agents"), Set.of(tenant));
    assertThat(nodeA.acquire(caller)).isEmpty();
    assertThat(nodeB.acquire(caller)).isEmpty();
    assertThat(nodeA.acquire(caller)).isEmpty();

    ApiRateLimiter.Refusal refused = nodeB.acquire(caller).orElseThrow();
    assertThat(refused.limit()).isEqualTo("user");
    assertThat(refused.retryAfter()).as("a token every 20 s").isEqualTo(Duration.ofSeconds(20));
    assertThat(apiLimiter(3, 1000).acquire(caller)).as("after a restart").isPresent();

    clock.step(Duration.ofSeconds(20));
    assertThat(nodeB.acquire(caller)).isEmpty();
    assertThat(nodeA.acquire(caller)).isPresent();
  }

  @Test
  void aTenantBudgetIsSharedByAllNodesAndUsers() {
    String tenant = "tenant-" + UUID.randomUUID();
    ApiRateLimiter nodeA = apiLimiter(1000, 2);
    ApiRateLimiter nodeB = apiLimiter(1000, 2);
    assertThat(nodeA.acquire(new CurrentUser(user + "-1", Set.of(), Set.of(tenant)))).isEmpty();
    assertThat(nodeB.acquire(new CurrentUser(user + "-2", Set.of(), Set.of(tenant)))).isEmpty();

    ApiRateLimiter.Refusal refused = nodeA.acquire(new CurrentUser(user + "-3", Set.of(), Set.of(tenant)))
        .orElseThrow();

    assertThat(refused.limit()).isEqualTo("tenant");
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void countersHoldKeyedHashesNeverUserNamesOrAddresses() {
    LoginGuard login = loginGuard();
    login.failed(user, request(), "basic", "bad credentials");
    apiLimiter(10, 10).acquire(new CurrentUser(user, Set.of(), Set.of()));

    List<Map<String, Object>> rows = jdbc.sql("SELECT kind, key_hash, hits, noticed, expires_us FROM rate_counter")
        .query().listOfRows();

    assertThat(rows).isNotEmpty().allSatisfy(row -> {
      assertThat(row.toString()).doesNotContain(user).doesNotContain(address);
      assertThat((String) row.get("key_hash")).startsWith(Pseudonymizer.PREFIX);
    });
    assertThat(rows).filteredOn(row -> row.get("key_hash").equals(hash(LoginThrottle.KIND, user + '\u0000' + address)))
        .hasSize(1);
  }

  @Test
  void theApplicationCountsApiRequestsInTheDatabase() {
    String agent = fixtures.agent(fixtures.tenant("generic"));
    ApiClient client = fixtures.as(agent);

    assertThat(client.get("/api/v1/cases").status()).isEqualTo(200);

    assertThat(applicationCounters).isInstanceOf(JdbcRateCounters.class);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_counter WHERE kind = :k AND key_hash = :h")
        .param("k", ApiRateLimiter.USER_KIND).param("h", hash(ApiRateLimiter.USER_KIND, agent))
        .query(Long.class).single()).isEqualTo(1);
  }

  /**
   * Not a check: the price of one API request's rate limiting (user and one tenant budget) with each store, and of
   * the login throttle's read per basic-auth request, printed for docs/security.md.
   */
  @Test
  void measuresTheCostPerRequestOfEachStore() {
    CurrentUser caller = new CurrentUser(user, Set.of(), Set.of("tenant-" + UUID.randomUUID()));
    ApiRateLimiter memory = new ApiRateLimiter(new MemoryRateCounters(Clock.systemUTC()), 1_000_000_000L,
        1_000_000_000L);
    ApiRateLimiter database = new ApiRateLimiter(new JdbcRateCounters(dataSource, pseudonymizer, Clock.systemUTC()),
        1_000_000_000L, 1_000_000_000L);
    LoginThrottle throttle = new LoginThrottle(new JdbcRateCounters(dataSource, pseudonymizer, Clock.systemUTC()),
        Clock.systemUTC(), 5, Duration.ofMinutes(1));
    int rounds = 2_000;
    long memoryNs = nanosPerCall(rounds, () -> memory.acquire(caller));
    long databaseNs = nanosPerCall(rounds, () -> database.acquire(caller));
    long loginReadNs = nanosPerCall(rounds, () -> throttle.state(user, address));
    ApiClient client = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    long requestNs = nanosPerCall(100, () -> client.get("/api/v1/cases"));
    System.out.printf("Rate limit cost per API request: memory %,d ns, database %,d ns (2 statements);"
            + " login throttle read %,d ns; a whole GET /api/v1/cases (basic auth, empty list) %,d ns;"
            + " PostgreSQL fsync=%s synchronous_commit=%s%n", memoryNs, databaseNs, loginReadNs, requestNs,
        jdbc.sql("SHOW fsync").query(String.class).single(),
        jdbc.sql("SHOW synchronous_commit").query(String.class).single());
  }

  private static long nanosPerCall(int rounds, Runnable call) {
    for (int i = 0; i < rounds / 4; i++) {
      call.run();
    }
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      call.run();
    }
    return (System.nanoTime() - start) / rounds;
  }

  private LoginGuard loginGuard() {
    SecurityProperties properties = new SecurityProperties(
        new SecurityProperties.Login(3, Duration.ofMinutes(1), Duration.ofMinutes(15)),
        new SecurityProperties.RateLimit(600, 6000, SecurityProperties.RateLimit.Store.DATABASE),
        new SecurityProperties.Oidc(null, null, "preferred_username", "groups", "tenants"));
    return new LoginGuard(properties, audit, clock, new JdbcRateCounters(dataSource, pseudonymizer, clock));
  }

  private ApiRateLimiter apiLimiter(long perUser, long perTenant) {
    return new ApiRateLimiter(new JdbcRateCounters(dataSource, pseudonymizer, clock), perUser, perTenant);
  }

  private MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/cases");
    request.setRemoteAddr(address);
    return request;
  }

  private long events(String action) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = :x")
        .param("a", user).param("x", action).query(Long.class).single();
  }

  private String hash(String kind, String key) {
    return pseudonymizer.token(JdbcRateCounters.KEY_NAMESPACE, kind + '\u0000' + key);
  }
}
