package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.TestFixtures;

/**
 * Bearer tokens next to basic authentication. The one test class with OIDC switched on, so the suite starts
 * one extra context only; its engine has a name of its own (see OutboxKafkaRelayTest for why) and the context
 * is closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=bearerTest",
    "switchboard.kafka.relay-interval=1h"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = BearerTestContext.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BearerTokenApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;

  @Test
  void aValidTokenActsAsTheUserItNames() {
    String tenant = fixtures.tenant("generic");
    String userId = user();
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient.Response created = agent.post("/api/v1/cases", Map.of("caseType", "general-enquiry",
        "title", "Bearer visibility", "intake", Map.of("category", "general", "immediateDanger", false)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String caseId = created.json().path("id").asText();
    List<String> groups = new ArrayList<>(Roles.DEFAULT_TEAMS);
    groups.add(Roles.AGENTS);

    ApiClient.Response own = bearer(token(BearerTestContext.KEY, userId, BearerTestContext.ISSUER,
        Instant.now().plus(Duration.ofMinutes(5)), groups, tenant));
    ApiClient.Response foreign = bearer(token(BearerTestContext.KEY, user(), BearerTestContext.ISSUER,
        Instant.now().plus(Duration.ofMinutes(5)), groups, "other-tenant"));

    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    assertThat(own.text()).contains(caseId);
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(200);
    assertThat(foreign.text()).doesNotContain(caseId);
    assertThat(events(userId, SecurityAudit.LOGIN_FAILED)).isEmpty();
    // A valid token is a login: recorded once per window however many calls it makes.
    bearer(token(BearerTestContext.KEY, userId, BearerTestContext.ISSUER, Instant.now().plus(Duration.ofMinutes(5)),
        groups, tenant));
    assertThat(events(userId, SecurityAudit.LOGIN_SUCCEEDED)).hasSize(1);
  }

  @Test
  void tokensWithoutARoleAreRefusedByTheMatrix() {
    String userId = user();

    ApiClient.Response response = bearer(token(BearerTestContext.KEY, userId, BearerTestContext.ISSUER,
        Instant.now().plus(Duration.ofMinutes(5)), List.of(), "default"));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void expiredTokensAreRefusedAndRecorded() {
    refusedAndRecorded(BearerTestContext.KEY, BearerTestContext.ISSUER, Instant.now().minus(Duration.ofMinutes(10)));
  }

  @Test
  void tokensSignedWithAnotherKeyAreRefusedAndRecorded() {
    refusedAndRecorded(BearerTestContext.generate(BearerTestContext.KEY.getKeyID()), BearerTestContext.ISSUER,
        Instant.now().plus(Duration.ofMinutes(5)));
  }

  @Test
  void tokensOfAnotherIssuerAreRefusedAndRecorded() {
    refusedAndRecorded(BearerTestContext.KEY, "https://evil.example.test/", Instant.now().plus(Duration.ofMinutes(5)));
  }

  @Test
  void basicAuthenticationStillWorks() {
    String agent = fixtures.agent(fixtures.tenant("generic"));

    assertThat(fixtures.as(agent).get("/api/v1/cases").status()).isEqualTo(200);
  }

  private void refusedAndRecorded(RSAKey key, String issuer, Instant expiry) {
    String userId = user();

    ApiClient.Response response = bearer(token(key, userId, issuer, expiry, List.of(Roles.ADMINS), "default"));

    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    List<Map<String, Object>> rows = events(userId, SecurityAudit.LOGIN_FAILED);
    assertThat(rows).hasSize(1);
    assertThat((String) rows.get(0).get("details")).contains("bearer");
    assertThat((String) rows.get(0).get("source")).isNotBlank();
  }

  private static String user() {
    return "oidc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String token(RSAKey key, String userId, String issuer, Instant expiry, List<String> groups,
      String tenant) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(UUID.randomUUID().toString())
        .claim("preferred_username", userId)
        .claim("groups", groups)
        .claim("tenants", List.of(tenant))
        .issueTime(Date.from(expiry.minus(Duration.ofMinutes(15))))
        .expirationTime(Date.from(expiry))
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiClient.Response bearer(String token) {
    ApiClient client = fixtures.anonymous();
    return client.send(client.request("/api/v1/cases").header("Authorization", "Bearer " + token).GET());
  }

  private List<Map<String, Object>> events(String actor, String action) {
    return jdbc.sql("SELECT outcome, source, details FROM audit_event WHERE actor = :actor AND action = :action")
        .param("actor", actor).param("action", action).query().listOfRows();
  }
}
