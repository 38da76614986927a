package org.switchboard.caseapi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.cases.CaseTestSupport.create;
import static org.switchboard.caseapi.cases.CaseTestSupport.createTriaged;
import static org.switchboard.caseapi.cases.CaseTestSupport.fieldsAtFault;
import static org.switchboard.caseapi.cases.CaseTestSupport.intake;
import static org.switchboard.caseapi.cases.CaseTestSupport.newCase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class CaseQueryTest {

  @Autowired
  TestFixtures fixtures;

  String token;
  String tenant;
  ApiClient agent;
  JsonNode alpha;
  JsonNode bravo;
  JsonNode charlie;
  JsonNode delta;
  JsonNode echo;

  /** Five cases of one fresh tenant; titles carry a token so admin-wide searches find only these. */
  @BeforeEach
  void fiveCases() {
    token = "tk" + UUID.randomUUID().toString().substring(0, 8);
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
    alpha = create(agent, newCase("general-enquiry", "Alpha danger " + token, intake("general", true)));
    bravo = create(agent, newCase("customer-service-request", "Bravo billing " + token, intake("billing", false)));
    charlie = create(agent, newCase("customer-service-request", "Charlie complaint " + token,
        intake("complaint", false)));
    delta = create(agent, newCase("healthcare-enquiry", "Delta medical " + token, intake("medical", false)));
    echo = create(agent, newCase("general-enquiry", "Echo waiting " + token, null));
  }

  @Test
  void filtersNarrowTheList() {
    assertThat(ids("priority=URGENT")).containsExactly(id(alpha));
    assertThat(ids("riskLevel=LOW")).containsExactlyInAnyOrder(id(bravo), id(charlie));
    assertThat(ids("riskLevel=medium")).containsExactly(id(delta));
    assertThat(ids("team=customer-care-team")).containsExactlyInAnyOrder(id(bravo), id(charlie));
    assertThat(ids("caseType=healthcare-enquiry")).containsExactly(id(delta));
    assertThat(ids("status=OPEN")).hasSize(5);
    assertThat(ids("status=CLOSED")).isEmpty();
    assertThat(ids("priority=NORMAL&caseType=customer-service-request")).containsExactly(id(charlie));
    assertThat(ids("assignee=nobody")).isEmpty();
  }

  @Test
  void textSearchLooksAtTitleAndId() {
    assertThat(ids("q=BILLING")).containsExactly(id(bravo));
    assertThat(ids("q=" + id(delta).substring(0, 13))).containsExactly(id(delta));
    assertThat(ids("q=100%25")).isEmpty();
  }

  @Test
  void sortsByRankAndText() {
    List<String> byPriority = ids("sort=priority&direction=desc");
    assertThat(byPriority.get(0)).isEqualTo(id(alpha));
    assertThat(byPriority.get(4)).isEqualTo(id(bravo));
    assertThat(ids("sort=riskLevel&direction=desc").get(0)).isEqualTo(id(alpha));
    assertThat(titles("sort=title&direction=asc"))
        .extracting(t -> t.split(" ")[0]).containsExactly("Alpha", "Bravo", "Charlie", "Delta", "Echo");
    assertThat(titles("sort=title&direction=DESC").get(0)).startsWith("Echo");
    assertThat(ids("sort=createdAt&direction=asc").get(0)).isEqualTo(id(alpha));
  }

  @Test
  void pagesCarryTheTotal() {
    JsonNode first = agent.get("/api/v1/cases?size=2&sort=title&direction=asc").json();
    assertThat(first.path("page").asInt()).isZero();
    assertThat(first.path("size").asInt()).isEqualTo(2);
    assertThat(first.path("total").asLong()).isEqualTo(5);
    assertThat(first.path("items")).hasSize(2);
    assertThat(first.path("items").get(0).path("title").asText()).startsWith("Alpha");

    JsonNode last = agent.get("/api/v1/cases?size=2&page=2&sort=title&direction=asc").json();
    assertThat(last.path("items")).hasSize(1);
    assertThat(last.path("items").get(0).path("title").asText()).startsWith("Echo");

    assertThat(agent.get("/api/v1/cases").json().path("size").asInt()).isEqualTo(20);
  }

  @Test
  void badParametersAreNamed() {
    assertThat(badParameter("status=BOGUS")).containsExactly("status");
    assertThat(badParameter("priority=VERY")).containsExactly("priority");
    assertThat(badParameter("riskLevel=EXTREME")).containsExactly("riskLevel");
    assertThat(badParameter("size=101")).containsExactly("size");
    assertThat(badParameter("size=0")).containsExactly("size");
    assertThat(badParameter("page=-1")).containsExactly("page");
    assertThat(badParameter("page=abc")).containsExactly("page");
    assertThat(badParameter("sort=colour")).containsExactly("sort");
    assertThat(badParameter("direction=up")).containsExactly("direction");
    assertThat(badParameter("status=X&size=500")).containsExactlyInAnyOrder("status", "size");
  }

  @Test
  void everyoneSeesOnlyTheirOrganisationsCasesAndAdminsSeeAll() {
    ApiClient stranger = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    assertThat(stranger.get("/api/v1/cases?q=" + token).json().path("total").asLong()).isZero();

    ApiClient admin = fixtures.as(fixtures.admin());
    assertThat(admin.get("/api/v1/cases?q=" + token).json().path("total").asLong()).isEqualTo(5);
  }

  @Test
  void unknownAndForeignCasesAreTheSameNotFound() {
    ApiClient stranger = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    String foreign = id(alpha);
    String unknown = UUID.randomUUID().toString();

    for (String path : List.of("", "/close", "/reopen", "/escalate", "/feedback")) {
      Map<String, Object> body = path.equals("/close") ? Map.of("reason", "RESOLVED")
          : path.equals("/feedback") ? Map.of("score", 3) : Map.of();
      ApiClient.Response foreignResponse = path.isEmpty() ? stranger.get("/api/v1/cases/" + foreign)
          : stranger.post("/api/v1/cases/" + foreign + path, body);
      ApiClient.Response unknownResponse = path.isEmpty() ? stranger.get("/api/v1/cases/" + unknown)
          : stranger.post("/api/v1/cases/" + unknown + path, body);
      assertSameNotFound(foreignResponse, unknownResponse, foreign, unknown);
    }
    assertSameNotFound(
        stranger.send(stranger.request("/api/v1/cases/" + foreign).header("Content-Type", "application/json")
            .header("If-Match", "\"1\"").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"title\":\"mine now\"}"))),
        stranger.send(stranger.request("/api/v1/cases/" + unknown).header("Content-Type", "application/json")
            .header("If-Match", "\"1\"").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"title\":\"mine now\"}"))),
        foreign, unknown);
    // Deleting and reassigning are supervisors' rights (security/permissions.yaml): probe as one.
    ApiClient strangeSupervisor = fixtures.as(fixtures.supervisor(fixtures.tenant("generic")));
    assertSameNotFound(strangeSupervisor.delete("/api/v1/cases/" + foreign),
        strangeSupervisor.delete("/api/v1/cases/" + unknown), foreign, unknown);
    assertSameNotFound(strangeSupervisor.post("/api/v1/cases/" + foreign + "/reassign", Map.of("team", "general-team")),
        strangeSupervisor.post("/api/v1/cases/" + unknown + "/reassign", Map.of("team", "general-team")), foreign,
        unknown);

    assertThat(agent.get("/api/v1/cases/" + foreign).json().path("title").asText()).startsWith("Alpha");
  }

  @Test
  void aCaseIsReadWithItsVersionAsETag() {
    ApiClient.Response response = agent.get("/api/v1/cases/" + id(bravo));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("ETag")).isEqualTo("\"" + response.json().path("version").asLong() + "\"");
    JsonNode again = createTriaged(agent, "Foxtrot " + token);
    assertThat(agent.get("/api/v1/cases/" + id(again)).json().path("version").asLong())
        .isEqualTo(again.path("version").asLong());
  }

  private static void assertSameNotFound(ApiClient.Response foreign, ApiClient.Response unknown, String foreignId,
      String unknownId) {
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    assertThat(foreign.text().replace(foreignId, "ID")).isEqualTo(unknown.text().replace(unknownId, "ID"));
  }

  private List<String> badParameter(String query) {
    ApiClient.Response response = agent.get("/api/v1/cases?" + query);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    return fieldsAtFault(response);
  }

  private List<String> ids(String query) {
    return list(query, "id");
  }

  private List<String> titles(String query) {
    return list(query, "title");
  }

  private List<String> list(String query, String field) {
    ApiClient.Response response = agent.get("/api/v1/cases?" + query);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    response.json().path("items").forEach(item -> values.add(item.path(field).asText()));
    return values;
  }

  private static String id(JsonNode c) {
    return c.path("id").asText();
  }
}
