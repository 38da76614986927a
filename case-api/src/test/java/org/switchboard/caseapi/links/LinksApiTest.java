package org.switchboard.caseapi.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertFieldErrors;
import static org.switchboard.caseapi.support.Problems.assertSameNotFound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class LinksApiTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  JdbcClient jdbc;

  String tenant;
  String agent;
  ApiClient api;
  CaseRecord a;
  CaseRecord b;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    api = fixtures.as(agent);
    a = seeder.withoutProcess(tenant, agent);
    b = seeder.withoutProcess(tenant, agent);
  }

  @Test
  void linksTwoCasesAndListsTheLinkFromBothSides() {
    ApiClient.Response created = api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "RELATED"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String linkId = created.json().path("id").asText();
    assertThat(created.json().path("type").asText()).isEqualTo("RELATED");
    assertThat(created.json().path("direction").asText()).isEqualTo("OUTGOING");
    assertThat(created.json().path("otherCaseId").asText()).isEqualTo(b.id());

    JsonNode fromA = api.get(links(a.id())).json().path("items");
    assertThat(fromA).hasSize(1);
    assertThat(fromA.get(0).path("id").asText()).isEqualTo(linkId);
    assertThat(fromA.get(0).path("direction").asText()).isEqualTo("OUTGOING");
    assertThat(fromA.get(0).path("otherCaseId").asText()).isEqualTo(b.id());
    assertThat(fromA.get(0).path("otherCaseTitle").asText()).isEqualTo("Seeded case");
    assertThat(fromA.get(0).path("otherCaseStatus").asText()).isEqualTo("OPEN");
    assertThat(fromA.get(0).path("createdBy").asText()).isEqualTo(agent);

    JsonNode fromB = api.get(links(b.id())).json().path("items");
    assertThat(fromB).hasSize(1);
    assertThat(fromB.get(0).path("id").asText()).isEqualTo(linkId);
    assertThat(fromB.get(0).path("direction").asText()).isEqualTo("INCOMING");
    assertThat(fromB.get(0).path("otherCaseId").asText()).isEqualTo(a.id());

    assertThat(changes(a.id())).containsExactly("LINKED Linked as RELATED to case " + b.id() + " (link " + linkId + ")");
    assertThat(changes(b.id())).containsExactly("LINKED Linked as RELATED from case " + a.id() + " (link " + linkId + ")");
    assertThat(events(a.id(), "CaseLinked")).containsExactly(
        Map.of("linkId", linkId, "sourceCaseId", a.id(), "targetCaseId", b.id(), "linkType", "RELATED"));
  }

  @Test
  void refusesTheSameLinkTwiceInEitherDirectionButAllowsAnotherType() {
    assertThat(api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "RELATED")).status()).isEqualTo(201);

    ApiClient.Response again = api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "RELATED"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.post(links(b.id()), Map.of("targetCaseId", a.id(), "type", "RELATED")).status()).isEqualTo(409);

    assertThat(api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "PARENT")).status()).isEqualTo(201);
    assertThat(api.get(links(b.id())).json().path("items")).hasSize(2);
  }

  @Test
  void refusesInvalidRequestsNamingTheField() {
    assertFieldErrors(api.post(links(a.id()), Map.of("targetCaseId", a.id(), "type", "RELATED")), 400,
        "targetCaseId");
    assertFieldErrors(api.post(links(a.id()), Map.of("type", "RELATED")), 400, "targetCaseId");
    assertFieldErrors(api.post(links(a.id()), Map.of("targetCaseId", b.id())), 400, "type");
    assertFieldErrors(api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "FRIEND")), 400, "type");
    assertThat(api.get(links(a.id())).json().path("items")).isEmpty();
  }

  @Test
  void targetsOfAnotherTenantAnswerLikeUnknownOnes() {
    String otherTenant = fixtures.tenant("generic");
    CaseRecord foreign = seeder.withoutProcess(otherTenant, "someone");
    String unknown = UUID.randomUUID().toString();

    assertSameNotFound(api.post(links(a.id()), Map.of("targetCaseId", unknown, "type", "RELATED")), unknown,
        api.post(links(a.id()), Map.of("targetCaseId", foreign.id(), "type", "RELATED")), foreign.id());

    // An admin sees both tenants, yet cases of different organisations are never linked.
    ApiClient admin = fixtures.as(fixtures.admin());
    assertSameNotFound(admin.post(links(a.id()), Map.of("targetCaseId", unknown, "type", "RELATED")), unknown,
        admin.post(links(a.id()), Map.of("targetCaseId", foreign.id(), "type", "RELATED")), foreign.id());

    assertSameNotFound(api.post(links(unknown), Map.of("targetCaseId", a.id(), "type", "RELATED")), unknown,
        api.post(links(foreign.id()), Map.of("targetCaseId", a.id(), "type", "RELATED")), foreign.id());
    assertSameNotFound(api.get(links(unknown)), unknown, api.get(links(foreign.id())), foreign.id());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_link WHERE source_case_id = :a OR target_case_id = :a")
        .param("a", a.id()).query(Long.class).single()).isZero();
  }

  @Test
  void deletesALinkFromEitherSide() {
    String linkId = api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "DUPLICATE")).json()
        .path("id").asText();
    CaseRecord unrelated = seeder.withoutProcess(tenant, agent);

    assertThat(api.delete(links(unrelated.id()) + "/" + linkId).status()).isEqualTo(404);
    ApiClient.Response deleted = api.delete(links(b.id()) + "/" + linkId);

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(api.get(links(a.id())).json().path("items")).isEmpty();
    assertThat(api.get(links(b.id())).json().path("items")).isEmpty();
    assertThat(api.delete(links(b.id()) + "/" + linkId).status()).isEqualTo(404);
    assertThat(changes(a.id())).last().asString().startsWith("UNLINKED Unlinked DUPLICATE to case " + b.id());
    assertThat(changes(b.id())).last().asString().startsWith("UNLINKED Unlinked DUPLICATE from case " + a.id());
    assertThat(events(a.id(), "CaseUnlinked")).hasSize(1);
  }

  @Test
  void foreignUsersCannotSeeOrDeleteLinks() {
    String linkId = api.post(links(a.id()), Map.of("targetCaseId", b.id(), "type", "RELATED")).json()
        .path("id").asText();
    ApiClient stranger = fixtures.as(fixtures.agent(fixtures.tenant("generic")));

    assertThat(stranger.get(links(a.id())).status()).isEqualTo(404);
    assertThat(stranger.delete(links(a.id()) + "/" + linkId).status()).isEqualTo(404);
    assertThat(api.get(links(a.id())).json().path("items")).hasSize(1);
  }

  private List<String> changes(String caseId) {
    return jdbc.sql("SELECT change_type || ' ' || detail FROM case_change WHERE case_id = :id "
        + "AND change_type IN ('LINKED', 'UNLINKED') ORDER BY id").param("id", caseId).query(String.class).list();
  }

  private List<Map<String, Object>> events(String caseId, String type) {
    return jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = :id AND event_type = :type")
        .param("id", caseId).param("type", type).query(String.class).list().stream().map(LinksApiTest::json).toList();
  }

  private static Map<String, Object> json(String payload) {
    try {
      return MAPPER.readValue(payload, new TypeReference<>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String links(String caseId) {
    return "/api/v1/cases/" + caseId + "/links";
  }
}
