package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** Login auditing and throttling, and the API rate limit, through HTTP. Each test has its own user names. */
@SwitchboardTest
class LoginAndRateLimitApiTest {

  private static final String AGENT_HEADER = "switchboard-login-test/1.0";

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ApiRateLimiter rateLimiter;

  @Test
  void wrongPasswordIsRefusedAndRecordedWithItsSource() {
    String agent = fixtures.agent(fixtures.tenant("generic"));

    ApiClient.Response response = call(new ApiClient(fixtures.baseUrl(), agent, "wrong"));

    assertThat(response.status()).isEqualTo(401);
    List<Map<String, Object>> rows = events(agent, SecurityAudit.LOGIN_FAILED);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("outcome")).isEqualTo("FAILURE");
    assertThat((String) rows.get(0).get("source")).isNotBlank();
    assertThat(rows.get(0).get("client")).isEqualTo(AGENT_HEADER);
    assertThat((String) rows.get(0).get("details")).contains("basic");
    assertThat(events(agent, SecurityAudit.LOGIN_SUCCEEDED)).isEmpty();
  }

  @Test
  void unknownUserNamesAreRecordedAsAttempted() {
    String nobody = "nobody-" + System.nanoTime();

    assertThat(call(new ApiClient(fixtures.baseUrl(), nobody, "guess")).status()).isEqualTo(401);

    assertThat(events(nobody, SecurityAudit.LOGIN_FAILED)).hasSize(1);
  }

  @Test
  void successfulLoginsAreRecordedOncePerWindow() {
    String agent = fixtures.agent(fixtures.tenant("generic"));

    assertThat(call(fixtures.as(agent)).status()).isEqualTo(200);
    assertThat(call(fixtures.as(agent)).status()).isEqualTo(200);

    List<Map<String, Object>> rows = events(agent, SecurityAudit.LOGIN_SUCCEEDED);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("outcome")).isEqualTo("SUCCESS");
    assertThat(rows.get(0).get("client")).isEqualTo(AGENT_HEADER);
  }

  @Test
  void repeatedFailuresAreThrottledWithoutCheckingThePassword() {
    String agent = fixtures.agent(fixtures.tenant("generic"));
    ApiClient wrong = new ApiClient(fixtures.baseUrl(), agent, "wrong");

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(call(wrong).status()).as("attempt %d", attempt).isEqualTo(401);
    }
    ApiClient.Response throttled = call(wrong);
    ApiClient.Response evenCorrect = call(fixtures.as(agent));

    for (ApiClient.Response response : List.of(throttled, evenCorrect)) {
      assertThat(response.status()).as(response.toString()).isEqualTo(429);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.json().path("status").asInt()).isEqualTo(429);
      assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
      assertThat(response.header("WWW-Authenticate")).isNull();
    }
    assertThat(events(agent, SecurityAudit.LOGIN_FAILED)).hasSize(5);
    assertThat(events(agent, SecurityAudit.LOGIN_THROTTLED)).hasSize(1)
        .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("DENIED"));
    assertThat(events(agent, SecurityAudit.LOGIN_SUCCEEDED)).isEmpty();
  }

  @Test
  void throttlingIsPerUserName() {
    String tenant = fixtures.tenant("generic");
    String victim = fixtures.agent(tenant);
    String other = fixtures.agent(tenant);
    ApiClient wrong = new ApiClient(fixtures.baseUrl(), victim, "wrong");
    for (int attempt = 1; attempt <= 6; attempt++) {
      call(wrong);
    }

    assertThat(call(fixtures.as(other)).status()).isEqualTo(200);
  }

  @Test
  void callsBeyondTheUsersBudgetGet429WithRetryAfter() {
    String agent = fixtures.agent(fixtures.tenant("generic"));
    rateLimiter.limitUser(agent, 2);
    ApiClient client = fixtures.as(agent);

    assertThat(call(client).status()).isEqualTo(200);
    assertThat(call(client).status()).isEqualTo(200);
    ApiClient.Response refused = call(client);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText()).contains("user");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(events(agent, SecurityAudit.RATE_LIMITED)).hasSize(1);
    assertThat(call(fixtures.as(fixtures.agent(fixtures.tenant("generic")))).status()).isEqualTo(200);
  }

  private static ApiClient.Response call(ApiClient client) {
    return client.send(client.request("/api/v1/cases").header("User-Agent", AGENT_HEADER).GET());
  }

  private List<Map<String, Object>> events(String actor, String action) {
    return jdbc.sql("SELECT outcome, source, client, details FROM audit_event WHERE actor = :actor AND action = :action")
        .param("actor", actor).param("action", action).query().listOfRows();
  }
}
