package org.switchboard.caseapi.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.ai.TestAiProviders.ProviderProbe;
import org.switchboard.caseapi.ai.config.AiConfigRepository;
import org.switchboard.caseapi.ai.config.AiServiceConfig;
import org.switchboard.caseapi.ai.config.ProviderChoice;
import org.switchboard.caseapi.ai.config.QuotaPeriod;
import org.switchboard.workers.ai.AiService;
import org.switchboard.caseapi.ai.results.AiResults;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** The gateway through its REST API and facade, with test providers found through the normal factory lookup. */
@SwitchboardTest
class AiGatewayTest {

  private static WireMockServer external;

  @Autowired TestFixtures fixtures;
  @Autowired ProviderProbe probe;
  @Autowired AiGateway gateway;
  @Autowired AiResults results;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper mapper;
  @Autowired Clock clock;
  @Autowired AiConfigRepository configRepository;

  @BeforeAll
  static void startExternalProvider() {
    external = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    external.start();
  }

  @AfterAll
  static void stopExternalProvider() {
    external.stop();
  }

  /** A tenant with its tenant admin and agent. */
  private record Org(String tenantId, ApiClient admin, ApiClient agent) {
  }

  private Org org(String sector) {
    String tenant = fixtures.tenant(sector);
    return new Org(tenant, fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS)), fixtures.as(fixtures.agent(tenant)));
  }

  private static Map<String, Object> provider(String id, Map<String, String> settings) {
    return Map.of("id", id, "settings", settings);
  }

  private static Response configure(Org org, String service, Map<String, Object> body) {
    return org.admin().put("/api/v1/config/ai-services/" + service, body);
  }

  private static Map<String, Object> chain(Object... providers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("providers", List.of(providers));
    body.put("redaction", false);
    return body;
  }

  private static Response sentiment(Org org, String text) {
    return org.agent().post("/api/v1/ai/analyze-sentiment", Map.of("text", text));
  }

  private static String newProbe() {
    return "p-" + UUID.randomUUID();
  }

  private JsonNode service(Org org, String id) {
    Response list = org.admin().get("/api/v1/config/ai-services");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    for (JsonNode s : list.json().path("services")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no service " + id + " in " + list.text());
  }

  @Test
  void aToggleTakesEffectOnTheNextCallAndDisabledIsAnOutcomeNotAnError() {
    Org org = org("generic");
    String p = newProbe();
    assertThat(configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", p)))).status()).isEqualTo(200);

    Response on = sentiment(org, "I am worried about my rent");
    assertThat(on.status()).as(on.toString()).isEqualTo(200);
    assertThat(on.json().path("aiGenerated").asBoolean()).isTrue();
    assertThat(on.json().path("provider").asText()).isEqualTo("test-primary");
    assertThat(on.json().path("providerVersion").asText()).isEqualTo("1.0");
    assertThat(on.json().path("result").path("label").asText()).isEqualTo("NEGATIVE");
    assertThat(on.json().path("resultId").asText()).isNotBlank();

    Response toggled = org.admin().put("/api/v1/config/ai-services/sentiment/toggle", Map.of("enabled", false));
    assertThat(toggled.status()).as(toggled.toString()).isEqualTo(200);
    assertThat(toggled.json().path("enabled").asBoolean()).isFalse();

    Response off = sentiment(org, "I am worried about my rent, again");
    assertThat(off.status()).as(off.toString()).isEqualTo(409);
    assertThat(off.header("Content-Type")).startsWith("application/problem+json");
    assertThat(off.json().path("type").asText()).endsWith("/ai-service-disabled");
    assertThat(off.json().path("outcome").asText()).isEqualTo("DISABLED");
    assertThat(probe.count(p)).isEqualTo(1);
    AiOutcome<?> direct = gateway.sentiment(org.tenantId(), "from a worker", null, AiContext.of("worker:test"));
    assertThat(direct.status()).isEqualTo(AiOutcome.Status.DISABLED);
    assertThat(direct.aiGenerated()).isFalse();

    assertThat(org.admin().put("/api/v1/config/ai-services/sentiment/toggle", Map.of("enabled", true)).status())
        .isEqualTo(200);
    assertThat(sentiment(org, "I am worried about my rent, again").status()).isEqualTo(200);
    assertThat(probe.count(p)).isEqualTo(2);
  }

  @Test
  void aFailingOrSlowProviderFallsBackToTheNextInTheChain() {
    Org org = org("generic");
    String failing = newProbe();
    String backup = newProbe();
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", failing, "mode", "fail")),
        provider("test-backup", Map.of("probe", backup, "label", "FROM_BACKUP"))));

    Response answer = sentiment(org, "nobody answers the phone");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("provider").asText()).isEqualTo("test-backup");
    assertThat(answer.json().path("fallbackUsed").asBoolean()).isTrue();
    assertThat(answer.json().path("result").path("label").asText()).isEqualTo("FROM_BACKUP");
    assertThat(answer.json().path("skipped").get(0).path("providerId").asText()).isEqualTo("test-primary");
    assertThat(probe.count(failing)).isEqualTo(1);
    assertThat(probe.count(backup)).isEqualTo(1);

    // A provider that does not answer within its timeout counts as failed too.
    String slow = newProbe();
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", slow, "mode", "slow", "timeoutMs", "300")),
        provider("test-backup", Map.of("probe", backup, "label", "FROM_BACKUP"))));
    Response late = sentiment(org, "still nobody answers");
    assertThat(late.status()).as(late.toString()).isEqualTo(200);
    assertThat(late.json().path("provider").asText()).isEqualTo("test-backup");
    assertThat(late.json().path("skipped").get(0).path("reason").asText()).contains("no answer within 300 ms");

    // Nobody left: 503 naming every provider and why.
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", newProbe(), "mode", "down"))));
    Response none = sentiment(org, "and now?");
    assertThat(none.status()).as(none.toString()).isEqualTo(503);
    assertThat(none.json().path("attempts").get(0).path("reason").asText()).contains("scripted: down");
  }

  @Test
  void theCircuitOpensAfterConsecutiveFailuresAndTheProviderIsNotCalledWhileOpen() {
    Org org = org("generic");
    String failing = newProbe();
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", failing, "mode", "fail")),
        provider("test-backup", Map.of("probe", newProbe()))));

    for (int i = 0; i < 3; i++) {
      assertThat(sentiment(org, "message " + i).status()).isEqualTo(200);
    }
    assertThat(probe.count(failing)).isEqualTo(3);

    Response fourth = sentiment(org, "message 4");
    assertThat(fourth.status()).isEqualTo(200);
    assertThat(probe.count(failing)).as("the open circuit keeps the provider out").isEqualTo(3);
    assertThat(fourth.json().path("skipped").get(0).path("reason").asText()).contains("circuit open");

    JsonNode primary = service(org, "sentiment").path("providers").get(0);
    assertThat(primary.path("circuit").asText()).isEqualTo("OPEN");
    assertThat(primary.path("available").asBoolean()).isFalse();

    // Another tenant's circuit for the same provider is its own.
    Org other = org("generic");
    String fine = newProbe();
    configure(other, "sentiment", chain(provider("test-primary", Map.of("probe", fine, "mode", "fail"))));
    sentiment(other, "one");
    assertThat(probe.count(fine)).isEqualTo(1);
  }

  @Test
  void anExceededQuotaAnswers429WithTheQuotaAndItsReset() {
    Org org = org("generic");
    Map<String, Object> body = chain(provider("test-primary", Map.of("probe", newProbe())));
    body.put("quota", Map.of("limit", 2, "period", "DAY"));
    assertThat(configure(org, "sentiment", body).status()).isEqualTo(200);

    assertThat(sentiment(org, "first").status()).isEqualTo(200);
    assertThat(sentiment(org, "second").status()).isEqualTo(200);
    Response third = sentiment(org, "third");

    assertThat(third.status()).as(third.toString()).isEqualTo(429);
    assertThat(third.header("Content-Type")).startsWith("application/problem+json");
    assertThat(third.header("Retry-After")).isNotBlank();
    JsonNode quota = third.json().path("quota");
    assertThat(quota.path("limit").asInt()).isEqualTo(2);
    assertThat(quota.path("period").asText()).isEqualTo("DAY");
    String tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1) + "T00:00:00Z";
    assertThat(quota.path("resetsAt").asText()).isEqualTo(tomorrow);
    assertThat(third.json().path("detail").asText()).contains("2 requests per day");

    JsonNode usage = service(org, "sentiment").path("usage");
    assertThat(usage.path("requests").asInt()).isEqualTo(2);
    assertThat(usage.path("remaining").asInt()).isZero();
  }

  @Test
  void theSameInputIsAnsweredFromTheCacheWithoutCallingTheProviderAgain() {
    Org org = org("generic");
    String p = newProbe();
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", p))));

    Response first = sentiment(org, "The same words twice");
    Response second = sentiment(org, "The same words twice");

    assertThat(first.json().path("cacheHit").asBoolean()).isFalse();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("cacheHit").asBoolean()).isTrue();
    assertThat(second.json().path("result")).isEqualTo(first.json().path("result"));
    assertThat(probe.count(p)).isEqualTo(1);
    assertThat(results.find(org.tenantId(), second.json().path("resultId").asText()).orElseThrow().cacheHit()).isTrue();

    // A new provider version is a new cache entry.
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", p, "version", "2.0"))));
    Response third = sentiment(org, "The same words twice");
    assertThat(third.json().path("cacheHit").asBoolean()).isFalse();
    assertThat(third.json().path("providerVersion").asText()).isEqualTo("2.0");
    assertThat(probe.count(p)).isEqualTo(2);

    JsonNode usage = service(org, "sentiment").path("usage");
    assertThat(usage.path("cacheHits").asInt()).isEqualTo(1);
    assertThat(usage.path("providerCalls").asInt()).isEqualTo(2);
  }

  @Test
  void noPhoneEmailOrCardNumberReachesAnExternalProviderWhenRedactionIsOn() {
    Org org = org("survivor-support");
    assertThat(service(org, "sentiment").path("redaction").asBoolean()).as("on by default for the sector").isTrue();
    assertThat(service(org("generic"), "sentiment").path("redaction").asBoolean()).isFalse();
    String marker = UUID.randomUUID().toString();
    external.stubFor(post(urlEqualTo("/" + marker + "/sentiment"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"score\":-0.8,\"label\":\"NEGATIVE\"}")));
    external.stubFor(post(urlEqualTo("/" + marker + "/translate")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"text\":\"Ecrivez-moi a [EMAIL_1] ou [PHONE_1]\"}")));
    // The outbound URL policy refuses localhost through the API (the test context has no allow-list), so the chain
    // pointing at WireMock is stored directly, as it would be saved for an allow-listed host.
    List<ProviderChoice> chain = List.of(new ProviderChoice("test-http",
        Map.of("baseUrl", external.baseUrl() + "/" + marker), Map.of()));
    for (AiService service : List.of(AiService.SENTIMENT, AiService.TRANSLATION)) {
      assertThat(configRepository.save(new AiServiceConfig(org.tenantId(), service, true, chain, true, null,
          QuotaPeriod.DAY, 0, false), clock.instant(), "test")).isTrue();
    }
    String text = "He found me. Call +44 7911 123456 or write to jane.doe@example.org, my card 4111 1111 1111 1111";

    Response answer = sentiment(org, text);
    Response translated = org.agent().post("/api/v1/ai/translate", Map.of("text", text, "targetLanguage", "fr"));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("redacted").asBoolean()).isTrue();
    List<LoggedRequest> sent = external.findAll(postRequestedFor(urlEqualTo("/" + marker + "/sentiment")));
    sent.addAll(external.findAll(postRequestedFor(urlEqualTo("/" + marker + "/translate"))));
    assertThat(sent).hasSize(2);
    for (LoggedRequest request : sent) {
      assertThat(request.getBodyAsString()).doesNotContain("7911", "123456", "jane.doe", "example.org", "4111")
          .contains("[PHONE_1]", "[EMAIL_1]", "[CARD_1]", "He found me.");
    }
    // Where the answer is text meant for people, the values come back.
    assertThat(translated.status()).as(translated.toString()).isEqualTo(200);
    assertThat(translated.json().path("result").path("text").asText())
        .isEqualTo("Ecrivez-moi a jane.doe@example.org ou +44 7911 123456");
  }

  @Test
  void everyResultIsRecordedWithProviderVersionInputHashEncryptedOutputAndAnAuditEvent() throws Exception {
    Org org = org("generic");
    configure(org, "sentiment", chain(provider("test-primary", Map.of("probe", newProbe(), "version", "7.1"))));
    String text = "I can't sleep since it happened " + UUID.randomUUID();

    Response answer = sentiment(org, text);
    String resultId = answer.json().path("resultId").asText();

    Map<String, Object> row = jdbc.sql("SELECT * FROM ai_result WHERE id = :id").param("id", resultId).query().singleRow();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("text", text);
    input.put("language", null);
    assertThat(row).containsEntry("tenant_id", org.tenantId()).containsEntry("service", "SENTIMENT")
        .containsEntry("outcome", "OK").containsEntry("provider_id", "test-primary")
        .containsEntry("provider_version", "7.1").containsEntry("cache_hit", false)
        .containsEntry("fallback_used", false)
        .containsEntry("input_hash", Hashes.sha256(mapper.writeValueAsString(input)));
    assertThat((String) row.get("output")).startsWith("v1:").doesNotContain("NEGATIVE");
    assertThat((String) row.get("requested_by")).startsWith("u-");
    assertThat(results.find(org.tenantId(), resultId).orElseThrow().outputJson()).contains("\"label\":\"NEGATIVE\"");
    assertThat(results.find(fixtures.tenant("generic"), resultId)).as("another tenant's id").isEmpty();

    Map<String, Object> event = jdbc.sql("""
        SELECT action, tenant_id, outcome, details FROM audit_event WHERE object_type = 'ai_result' AND object_id = :id
        """).param("id", resultId).query().singleRow();
    assertThat(event).containsEntry("action", "AI_RESULT").containsEntry("tenant_id", org.tenantId())
        .containsEntry("outcome", "SUCCESS");
    assertThat((String) event.get("details")).contains("test-primary", "7.1").doesNotContain("sleep");

    // Refusals are recorded too.
    org.admin().put("/api/v1/config/ai-services/sentiment/toggle", Map.of("enabled", false));
    String refused = sentiment(org, text).json().path("resultId").asText();
    assertThat(jdbc.sql("SELECT outcome FROM ai_result WHERE id = :id").param("id", refused).query(String.class).single())
        .isEqualTo("DISABLED");
  }

  @Test
  void configurationIsPerTenantAndNoTenantAdminReachesAnotherTenantsConfiguration() {
    Org a = org("generic");
    Org b = org("generic");
    String pb = newProbe();
    configure(a, "sentiment", chain(provider("test-primary", Map.of("probe", newProbe()))));
    configure(b, "sentiment", chain(provider("test-primary", Map.of("probe", pb))));
    a.admin().put("/api/v1/config/ai-services/sentiment/toggle", Map.of("enabled", false));

    assertThat(sentiment(a, "hello").status()).isEqualTo(409);
    assertThat(sentiment(b, "hello").status()).isEqualTo(200);

    Response foreignRead = b.admin().get("/api/v1/config/ai-services?tenantId=" + a.tenantId());
    Response foreignToggle = b.admin().put("/api/v1/config/ai-services/sentiment/toggle?tenantId=" + a.tenantId(),
        Map.of("enabled", true));
    Response foreignCall = b.agent().post("/api/v1/ai/analyze-sentiment", Map.of("text", "x", "tenantId", a.tenantId()));
    assertThat(foreignRead.status()).isEqualTo(400);
    assertThat(foreignToggle.status()).isEqualTo(400);
    assertThat(foreignCall.status()).isEqualTo(400);
    assertThat(foreignToggle.json().path("errors").get(0).path("field").asText()).isEqualTo("tenantId");
    assertThat(service(a, "sentiment").path("enabled").asBoolean()).isFalse();
    assertThat(service(b, "sentiment").path("enabled").asBoolean()).isTrue();

    // An administrator names the tenant.
    ApiClient admin = fixtures.as(fixtures.admin());
    assertThat(admin.get("/api/v1/config/ai-services?tenantId=" + a.tenantId()).json().path("tenantId").asText())
        .isEqualTo(a.tenantId());
    assertThat(admin.get("/api/v1/config/ai-services").status()).isEqualTo(400);
  }

  @Test
  void anInvalidConfigurationNamesEveryFieldAtFaultAndChangesAreAuditedByFieldName() {
    Org org = org("generic");
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("providers", List.of(
        Map.of("id", "no-such-provider"),
        Map.of("id", "test-http", "settings", Map.of("apiKey", "sk-live-123", "timeoutMs", "soon",
                "baseUrl", "http://localhost:9/v1"),
            "secretRefs", Map.of("token", "sk-live-456"))));
    bad.put("redaction", true);
    bad.put("quota", Map.of("limit", 0));

    Response refused = configure(org, "sentiment", bad);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    List<String> fields = refused.json().path("errors").findValuesAsText("field");
    assertThat(fields).contains("providers[0].id", "providers[1].settings.apiKey", "providers[1].settings.timeoutMs",
        "providers[1].settings.baseUrl", "providers[1].secretRefs.token", "quota.limit");
    assertThat(refused.text()).doesNotContain("sk-live");
    assertThat(service(org, "sentiment").path("customised").asBoolean()).as("nothing written").isFalse();
    assertThat(org.admin().put("/api/v1/config/ai-services/nonsense/toggle", Map.of("enabled", true)).status())
        .isEqualTo(404);

    Map<String, Object> good = chain(Map.of("id", "test-http", "settings", Map.of("baseUrl", "https://203.0.113.10/v1"),
        "secretRefs", Map.of("apiKey", "SWITCHBOARD_TEST_UNSET_KEY")));
    Response saved = configure(org, "sentiment", good);
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    JsonNode link = saved.json().path("providers").get(0);
    assertThat(link.path("available").asBoolean()).isFalse();
    assertThat(link.path("reason").asText()).contains("SWITCHBOARD_TEST_UNSET_KEY is not set");
    assertThat(link.path("secretRefs").path("apiKey").asText()).isEqualTo("SWITCHBOARD_TEST_UNSET_KEY");

    // A stale version is refused rather than overwriting the newer configuration.
    Map<String, Object> stale = chain(provider("test-primary", Map.of()));
    stale.put("version", 0);
    assertThat(configure(org, "sentiment", stale).status()).isEqualTo(409);

    String details = jdbc.sql("""
        SELECT details FROM audit_event WHERE action = 'AI_SERVICE_CONFIGURED' AND tenant_id = :t ORDER BY seq DESC LIMIT 1
        """).param("t", org.tenantId()).query(String.class).single();
    assertThat(details).contains("\"fields\"", "providers", "test-http");
  }
}
