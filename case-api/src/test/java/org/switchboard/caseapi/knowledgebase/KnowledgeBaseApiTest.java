package org.switchboard.caseapi.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.ai.offline.faq.DefaultFaqs;

/** The knowledge-base API on PostgreSQL: who may do what, validation, optimistic locking, tenants, audit, import. */
@SwitchboardTest
class KnowledgeBaseApiTest {

  private static final String ARTICLES = "/api/v1/knowledge-base/articles";

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void aTenantAdminWritesAndAgentsReadPublishedArticlesOnly() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));

    JsonNode created = created(admin.post(ARTICLES, article("Do you have a loyalty card?",
        "Our loyalty card is free: ask for one at any till.", "en", "PUBLISHED",
        List.of("How do I join the rewards programme?"), List.of("Loyalty", "stores"))));
    String id = created.path("id").asText();
    assertThat(created.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(created.path("version").asLong()).isEqualTo(1);
    assertThat(created.path("tags")).extracting(JsonNode::asText).containsExactly("loyalty", "stores");
    assertThat(created.path("warnings")).isEmpty();
    String draft = created(admin.post(ARTICLES, article("Do you sell gift cards?", "Not yet.", "en", null,
        List.of(), List.of()))).path("id").asText();
    String spanish = created(admin.post(ARTICLES, article("¿Tienen tarjeta de fidelidad?",
        "Sí, es gratis: pídala en caja.", "es", "PUBLISHED", List.of(), List.of("loyalty")))).path("id").asText();

    assertThat(ok(agent.get(ARTICLES + "/" + id)).path("answer").asText()).contains("loyalty card is free");
    assertThat(agent.get(ARTICLES + "/" + draft).status()).as("a draft is not there for an agent").isEqualTo(404);
    assertThat(ok(admin.get(ARTICLES + "/" + draft)).path("status").asText()).isEqualTo("DRAFT");
    assertThat(ids(ok(supervisor.get(ARTICLES)))).containsExactly(id, spanish);
    assertThat(ids(ok(agent.get(ARTICLES + "?status=DRAFT")))).isEmpty();
    assertThat(ids(ok(admin.get(ARTICLES)))).containsExactly(id, draft, spanish);
    assertThat(ids(ok(admin.get(ARTICLES + "?status=draft")))).containsExactly(draft);
    assertThat(ids(ok(admin.get(ARTICLES + "?language=es")))).containsExactly(spanish);
    assertThat(ids(ok(admin.get(ARTICLES + "?tag=loyalty")))).containsExactly(id, spanish);
    assertThat(ids(ok(admin.get(ARTICLES + "?q=REWARDS")))).as("alternative questions are searched")
        .containsExactly(id);
    JsonNode page = ok(admin.get(ARTICLES + "?page=1&size=2"));
    assertThat(ids(page)).containsExactly(spanish);
    assertThat(page.path("total").asLong()).isEqualTo(3);

    Map<String, Object> change = article("Do you have a loyalty card?", "The loyalty card is free and digital.", "en",
        null, List.of("How do I join the rewards programme?"), List.of("loyalty"));
    change.put("version", 1);
    JsonNode updated = ok(admin.put(ARTICLES + "/" + id, change));
    assertThat(updated.path("version").asLong()).isEqualTo(2);
    assertThat(updated.path("status").asText()).as("status left out: kept").isEqualTo("PUBLISHED");
    Response stale = admin.put(ARTICLES + "/" + id, change);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
    assertThat(ok(admin.get(ARTICLES + "/" + id)).path("answer").asText()).isEqualTo(
        "The loyalty card is free and digital.");

    change.put("version", 2);
    change.put("status", "ARCHIVED");
    assertThat(ok(admin.put(ARTICLES + "/" + id, change)).path("status").asText()).isEqualTo("ARCHIVED");
    assertThat(agent.get(ARTICLES + "/" + id).status()).isEqualTo(404);
    assertThat(ids(ok(agent.get(ARTICLES)))).containsExactly(spanish);

    assertThat(admin.delete(ARTICLES + "/" + draft).status()).isEqualTo(204);
    assertThat(admin.get(ARTICLES + "/" + draft).status()).isEqualTo(404);

    List<Map<String, Object>> audit = jdbc.sql("""
        SELECT object_id, details FROM audit_event WHERE tenant_id = :t AND action = 'KNOWLEDGE_ARTICLE_CHANGED'
        ORDER BY seq""").param("t", tenant).query().listOfRows();
    assertThat(audit).extracting(r -> r.get("object_id")).containsExactly(id, draft, spanish, id, id, draft);
    assertThat(audit.get(3).get("details").toString()).contains("UPDATED").contains("answer")
        .doesNotContain("digital");
    assertThat(audit.get(4).get("details").toString()).contains("ARCHIVED");
    assertThat(audit.get(5).get("details").toString()).contains("DELETED");
  }

  @Test
  void agentsAndSupervisorsCannotWrite() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    String id = created(admin.post(ARTICLES, article("Q?", "A.", "en", "PUBLISHED", List.of(), List.of())))
        .path("id").asText();
    for (String user : List.of(fixtures.agent(tenant), fixtures.supervisor(tenant))) {
      ApiClient api = fixtures.as(user);
      Map<String, Object> body = article("Q2?", "A2.", "en", "PUBLISHED", List.of(), List.of());
      body.put("version", 1);
      assertThat(api.post(ARTICLES, body).status()).isEqualTo(403);
      assertThat(api.put(ARTICLES + "/" + id, body).status()).isEqualTo(403);
      assertThat(api.delete(ARTICLES + "/" + id).status()).isEqualTo(403);
      assertThat(api.post("/api/v1/knowledge-base/import-defaults", Map.of()).status()).isEqualTo(403);
    }
    assertThat(ok(admin.get(ARTICLES + "/" + id)).path("version").asLong()).isEqualTo(1);
  }

  @Test
  void anotherTenantsArticleIsNotFoundLikeAMissingOne() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    String id = created(admin.post(ARTICLES, article("Where are you?", "Main street.", "en", "PUBLISHED",
        List.of(), List.of()))).path("id").asText();
    String other = fixtures.tenant("customer-service");
    ApiClient stranger = fixtures.as(fixtures.user(other, Roles.TENANT_ADMINS));
    Map<String, Object> body = article("Mine now?", "Yes.", "en", "PUBLISHED", List.of(), List.of());
    body.put("version", 1);

    for (String target : List.of(id, UUID.randomUUID().toString())) {
      assertThat(stranger.get(ARTICLES + "/" + target).status()).isEqualTo(404);
      assertThat(stranger.put(ARTICLES + "/" + target, body).status()).isEqualTo(404);
      assertThat(stranger.delete(ARTICLES + "/" + target).status()).isEqualTo(404);
    }
    assertThat(ids(ok(stranger.get(ARTICLES)))).doesNotContain(id);
    Response foreignTenant = stranger.get(ARTICLES + "?tenantId=" + tenant);
    assertThat(foreignTenant.status()).isEqualTo(400);
    assertThat(foreignTenant.text()).doesNotContain(id);
    assertThat(ok(admin.get(ARTICLES + "/" + id)).path("question").asText()).isEqualTo("Where are you?");
  }

  @Test
  void badInputNamesEachFieldAndWritesNothing() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));

    Response empty = admin.post(ARTICLES, article(" ", "", "xx", "LIVE", List.of(""), List.of("no spaces")));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(empty)).containsExactlyInAnyOrder("question", "answer", "language", "status",
        "alternativeQuestions[0]", "tags[0]");
    Response tooLong = admin.post(ARTICLES, article("Q?", "a".repeat(4001), "en", null, List.of(), List.of()));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(fields(tooLong)).containsExactly("answer");
    Response noLanguage = admin.post(ARTICLES, article("Q?", "A.", null, null, List.of(), List.of()));
    assertThat(fields(noLanguage)).containsExactly("language");
    assertThat(ok(admin.get(ARTICLES)).path("total").asLong()).isZero();

    String id = created(admin.post(ARTICLES, article("Q?", "A.", "en", null, List.of(), List.of())))
        .path("id").asText();
    Response noVersion = admin.put(ARTICLES + "/" + id, article("Q?", "B.", "en", null, List.of(), List.of()));
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(fields(noVersion)).containsExactly("version");
    assertThat(ok(admin.get(ARTICLES + "/" + id)).path("answer").asText()).isEqualTo("A.");
    assertThat(fields(admin.get(ARTICLES + "?language=klingon&size=500"))).containsExactlyInAnyOrder("language",
        "size");
  }

  @Test
  void somethingThatLooksLikePersonalDataIsSavedWithAWarning() {
    String tenant = fixtures.tenant("healthcare");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));

    JsonNode created = created(admin.post(ARTICLES, article("Who do I call about my results?",
        "Email jane.doe@example.org or call her mobile on 07700 900123.", "en", "DRAFT", List.of(), List.of())));

    assertThat(created.path("warnings").findValuesAsText("field")).containsOnly("answer");
    assertThat(created.path("warnings").findValuesAsText("type")).contains("EMAIL", "PHONE");
  }

  @Test
  void importingTheSectorDefaultsTwiceAddsThemOnce() {
    String tenant = fixtures.tenant("healthcare");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    int shipped = DefaultFaqs.forSector("healthcare", null).size();

    JsonNode first = ok(admin.post("/api/v1/knowledge-base/import-defaults", Map.of()));
    assertThat(first.path("sector").asText()).isEqualTo("healthcare");
    assertThat(first.path("importedIds")).hasSize(shipped);
    String one = first.path("importedIds").get(0).asText();
    JsonNode article = ok(admin.get(ARTICLES + "/" + one));
    assertThat(article.path("status").asText()).isEqualTo("PUBLISHED");
    assertThat(article.path("sourceKey").asText()).startsWith("healthcare/");
    Map<String, Object> archive = new HashMap<>();
    archive.put("question", article.path("question").asText());
    archive.put("answer", article.path("answer").asText());
    archive.put("language", article.path("language").asText());
    archive.put("status", "ARCHIVED");
    archive.put("version", 1);
    assertThat(admin.put(ARTICLES + "/" + one, archive).status()).isEqualTo(200);

    JsonNode second = ok(admin.post("/api/v1/knowledge-base/import-defaults", Map.of()));
    assertThat(second.path("importedIds")).isEmpty();
    assertThat(second.path("skipped").asInt()).isEqualTo(shipped);
    assertThat(ok(admin.get(ARTICLES + "?size=100")).path("total").asLong()).isEqualTo(shipped);
    assertThat(ok(admin.get(ARTICLES + "/" + one)).path("status").asText()).as("an archived default stays archived")
        .isEqualTo("ARCHIVED");

    String generic = fixtures.tenant("generic");
    ApiClient genericAdmin = fixtures.as(fixtures.user(generic, Roles.TENANT_ADMINS));
    assertThat(fields(genericAdmin.post("/api/v1/knowledge-base/import-defaults", Map.of()))).containsExactly("sector");
    assertThat(ok(genericAdmin.post("/api/v1/knowledge-base/import-defaults",
        Map.of("sector", "customer-service", "status", "DRAFT"))).path("importedIds"))
        .hasSize(DefaultFaqs.forSector("customer-service", null).size());
  }

  static Map<String, Object> article(String question, String answer, String language, String status,
      List<String> alternatives, List<String> tags) {
    Map<String, Object> body = new HashMap<>();
    body.put("question", question);
    body.put("answer", answer);
    body.put("language", language);
    body.put("status", status);
    body.put("alternativeQuestions", alternatives);
    body.put("tags", tags);
    return body;
  }

  static JsonNode created(Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json();
  }

  static JsonNode ok(Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path("id").asText()));
    return ids;
  }

  private static List<String> fields(Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    return response.json().path("errors").findValuesAsText("field");
  }
}
