package org.switchboard.caseapi.merging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertFieldErrors;
import static org.switchboard.caseapi.support.Problems.assertSameNotFound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFiles;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class MergeApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  CaseRepository cases;
  @Autowired
  HistoryService historyService;
  @Autowired
  JdbcClient jdbc;

  String tenant;
  String agent;
  ApiClient api;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    api = fixtures.as(agent);
  }

  @Test
  void movesInteractionsNotesAndDocumentsAndClosesTheDuplicatesProcess() {
    CaseRecord survivor = seeder.withProcess(tenant, agent, CaseSeeder.TEST_PROCESS_KEY);
    CaseRecord duplicate = seeder.withProcess(tenant, agent, CaseSeeder.TEST_PROCESS_KEY);
    api.post(notes(survivor.id()), Map.of("body", "survivor's own note"));
    String movedNote1 = api.post(notes(duplicate.id()), Map.of("body", "first duplicate note")).json().path("id").asText();
    String movedNote2 = api.post(notes(duplicate.id()), Map.of("body", "second duplicate note")).json().path("id").asText();
    byte[] pdf = TestFiles.pdf();
    String docId = api.send(Multipart.file(api, documents(duplicate.id()), "file", "statement.pdf", pdf)).json()
        .path("id").asText();
    String interaction1 = interaction(duplicate);
    String interaction2 = interaction(duplicate);
    String survivorInteraction = interaction(survivor);

    ApiClient.Response merged = api.post(merge(survivor.id()), Map.of("duplicateCaseId", duplicate.id()));

    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    JsonNode result = merged.json();
    assertThat(result.path("survivorCaseId").asText()).isEqualTo(survivor.id());
    assertThat(result.path("duplicateCaseId").asText()).isEqualTo(duplicate.id());
    assertThat(result.path("interactionsMoved").asInt()).isEqualTo(2);
    assertThat(result.path("notesMoved").asInt()).isEqualTo(2);
    assertThat(result.path("documentsMoved").asInt()).isEqualTo(1);
    assertThat(result.path("processSignalled").asBoolean()).isTrue();

    // Notes: all on the survivor, the moved ones remembering where they came from.
    JsonNode survivorNotes = api.get(notes(survivor.id())).json();
    assertThat(survivorNotes.path("total").asLong()).isEqualTo(3);
    for (JsonNode note : survivorNotes.path("items")) {
      boolean moved = List.of(movedNote1, movedNote2).contains(note.path("id").asText());
      assertThat(note.path("movedFromCaseId").isMissingNode()).isEqualTo(!moved);
      if (moved) {
        assertThat(note.path("movedFromCaseId").asText()).isEqualTo(duplicate.id());
      }
    }
    assertThat(api.get(notes(duplicate.id())).json().path("total").asLong()).isZero();

    // Documents: reachable (and downloadable) through the survivor only.
    JsonNode docs = api.get(documents(survivor.id())).json().path("items");
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).path("id").asText()).isEqualTo(docId);
    assertThat(docs.get(0).path("movedFromCaseId").asText()).isEqualTo(duplicate.id());
    assertThat(api.get(documents(survivor.id()) + "/" + docId + "/content").bytes()).isEqualTo(pdf);
    assertThat(api.get(documents(duplicate.id()) + "/" + docId).status()).isEqualTo(404);

    // Interactions.
    assertThat(interactionHome(interaction1)).containsExactly(survivor.id(), duplicate.id());
    assertThat(interactionHome(interaction2)).containsExactly(survivor.id(), duplicate.id());
    assertThat(interactionHome(survivorInteraction)).containsExactly(survivor.id(), null);

    // The duplicate: merged, closed, linked, its process ended through the modeled close event.
    CaseRecord after = cases.findById(duplicate.id()).orElseThrow();
    assertThat(after.mergedIntoCaseId()).isEqualTo(survivor.id());
    assertThat(after.status().name()).isEqualTo("CLOSED");
    assertThat(after.closureReason()).isEqualTo("MERGED");
    assertThat(after.closedAt()).isNotNull();
    HistoricProcessInstance process = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(duplicate.processInstanceId()).singleResult();
    assertThat(process.getEndTime()).isNotNull();
    assertThat(process.getEndActivityId()).isEqualTo(CaseSeeder.TEST_END_CLOSED);
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(survivor.processInstanceId()).singleResult().getEndTime()).isNull();

    JsonNode links = api.get(links(duplicate.id())).json().path("items");
    assertThat(links).hasSize(1);
    assertThat(links.get(0).path("type").asText()).isEqualTo("DUPLICATE");
    assertThat(links.get(0).path("direction").asText()).isEqualTo("OUTGOING");
    assertThat(links.get(0).path("otherCaseId").asText()).isEqualTo(survivor.id());
    assertThat(links.get(0).path("id").asText()).isEqualTo(result.path("linkId").asText());
    // The merge's link is part of its audit trail.
    assertThat(api.delete(links(survivor.id()) + "/" + result.path("linkId").asText()).status()).isEqualTo(409);
  }

  @Test
  void leavesAnAuditTrailOnBothCases() {
    CaseRecord survivor = seeder.withProcess(tenant, agent, CaseSeeder.TEST_PROCESS_KEY);
    CaseRecord duplicate = seeder.withProcess(tenant, agent, CaseSeeder.TEST_PROCESS_KEY);
    api.post(notes(duplicate.id()), Map.of("body", "a note"));
    interaction(duplicate);

    assertThat(api.post(merge(survivor.id()), Map.of("duplicateCaseId", duplicate.id())).status()).isEqualTo(200);

    List<Map<String, Object>> intoLog = changes(duplicate.id(), "MERGED_INTO");
    assertThat(intoLog).hasSize(1);
    assertThat(intoLog.get(0).get("changed_by")).isEqualTo(agent);
    assertThat(intoLog.get(0).get("detail"))
        .isEqualTo("Merged into case " + survivor.id() + "; moved 1 interaction, 1 note, 0 documents");
    assertThat(String.valueOf(intoLog.get(0).get("fields")))
        .contains("\"field\":\"mergedIntoCaseId\"", "\"to\":\"" + survivor.id() + "\"");
    List<Map<String, Object>> fromLog = changes(survivor.id(), "MERGED_FROM");
    assertThat(fromLog).hasSize(1);
    assertThat(fromLog.get(0).get("detail"))
        .isEqualTo("Merged case " + duplicate.id() + " into this case; moved 1 interaction, 1 note, 0 documents");

    List<String> events = jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = :id "
        + "AND event_type = 'CasesMerged'").param("id", survivor.id()).query(String.class).list();
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).contains("\"duplicateCaseId\":\"" + duplicate.id() + "\"", "\"interactionsMoved\":1",
        "\"notesMoved\":1", "\"documentsMoved\":0");

    // Both entries show up in each case's history.
    assertThat(historyTypes(duplicate.id())).contains("MERGED_INTO", "LINKED");
    assertThat(historyTypes(survivor.id())).contains("MERGED_FROM", "LINKED");
  }

  @Test
  void closesTheRecordItselfWhenTheDuplicateHasNoWaitingProcess() {
    CaseRecord survivor = seeder.withoutProcess(tenant, agent);
    CaseRecord duplicate = seeder.withoutProcess(tenant, agent);

    ApiClient.Response merged = api.post(merge(survivor.id()), Map.of("duplicateCaseId", duplicate.id()));

    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    assertThat(merged.json().path("processSignalled").asBoolean()).isFalse();
    CaseRecord after = cases.findById(duplicate.id()).orElseThrow();
    assertThat(after.status().name()).isEqualTo("CLOSED");
    assertThat(after.closureReason()).isEqualTo("MERGED");
    assertThat(after.mergedIntoCaseId()).isEqualTo(survivor.id());
    assertThat(jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = :id AND event_type = 'CaseClosed'")
        .param("id", duplicate.id()).query(String.class).list())
        .singleElement().asString().contains("\"closureReason\":\"MERGED\"");
  }

  @Test
  void refusesSelfMergesAndBadRequestsNamingTheField() {
    CaseRecord c = seeder.withoutProcess(tenant, agent);

    assertFieldErrors(api.post(merge(c.id()), Map.of("duplicateCaseId", c.id())), 400, "duplicateCaseId");
    assertFieldErrors(api.post(merge(c.id()), Map.of()), 400, "duplicateCaseId");
    assertFieldErrors(api.post(merge(c.id()), Map.of("duplicateCaseId", " ")), 400, "duplicateCaseId");
    assertThat(cases.findById(c.id()).orElseThrow().mergedIntoCaseId()).isNull();
  }

  @Test
  void refusesAlreadyMergedCasesAndWritesNothing() {
    CaseRecord survivor = seeder.withoutProcess(tenant, agent);
    CaseRecord duplicate = seeder.withoutProcess(tenant, agent);
    CaseRecord third = seeder.withoutProcess(tenant, agent);
    api.post(notes(third.id()), Map.of("body", "stays put"));
    assertThat(api.post(merge(survivor.id()), Map.of("duplicateCaseId", duplicate.id())).status()).isEqualTo(200);

    ApiClient.Response twice = api.post(merge(third.id()), Map.of("duplicateCaseId", duplicate.id()));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.post(merge(duplicate.id()), Map.of("duplicateCaseId", third.id())).status()).isEqualTo(409);
    assertThat(api.post(merge(survivor.id()), Map.of("duplicateCaseId", duplicate.id())).status()).isEqualTo(409);

    assertThat(cases.findById(third.id()).orElseThrow().mergedIntoCaseId()).isNull();
    assertThat(api.get(notes(third.id())).json().path("total").asLong()).isEqualTo(1);
    assertThat(changes(third.id(), "MERGED_INTO")).isEmpty();
    assertThat(changes(third.id(), "MERGED_FROM")).isEmpty();

    // A merged case takes no new content.
    assertThat(api.post(notes(duplicate.id()), Map.of("body", "too late")).status()).isEqualTo(409);
    assertThat(api.send(Multipart.file(api, documents(duplicate.id()), "file", "late.pdf", TestFiles.pdf()))
        .status()).isEqualTo(409);
    assertThat(api.post(links(duplicate.id()), Map.of("targetCaseId", third.id(), "type", "RELATED")).status())
        .isEqualTo(409);
  }

  @Test
  void casesOfAnotherTenantAnswerLikeUnknownOnes() {
    CaseRecord mine = seeder.withoutProcess(tenant, agent);
    CaseRecord foreign = seeder.withoutProcess(fixtures.tenant("generic"), "someone");
    String unknown = UUID.randomUUID().toString();

    assertSameNotFound(api.post(merge(mine.id()), Map.of("duplicateCaseId", unknown)), unknown,
        api.post(merge(mine.id()), Map.of("duplicateCaseId", foreign.id())), foreign.id());
    assertSameNotFound(api.post(merge(unknown), Map.of("duplicateCaseId", mine.id())), unknown,
        api.post(merge(foreign.id()), Map.of("duplicateCaseId", mine.id())), foreign.id());

    // Admins see every tenant, but never merge across organisations.
    ApiClient admin = fixtures.as(fixtures.admin());
    assertSameNotFound(admin.post(merge(mine.id()), Map.of("duplicateCaseId", unknown)), unknown,
        admin.post(merge(mine.id()), Map.of("duplicateCaseId", foreign.id())), foreign.id());
    assertThat(cases.findById(foreign.id()).orElseThrow().mergedIntoCaseId()).isNull();
    assertThat(cases.findById(mine.id()).orElseThrow().mergedIntoCaseId()).isNull();
  }

  private String interaction(CaseRecord c) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO interaction (id, case_id, tenant_id, channel, direction, occurred_at) "
            + "VALUES (:id, :caseId, :tenantId, 'sms', 'INBOUND', :at)")
        .param("id", id).param("caseId", c.id()).param("tenantId", c.tenantId()).param("at", OffsetDateTime.now())
        .update();
    return id;
  }

  private List<String> interactionHome(String interactionId) {
    Map<String, Object> row = jdbc.sql("SELECT case_id, moved_from_case_id FROM interaction WHERE id = :id")
        .param("id", interactionId).query().singleRow();
    List<String> home = new ArrayList<>();
    home.add((String) row.get("case_id"));
    home.add((String) row.get("moved_from_case_id"));
    return home;
  }

  private List<Map<String, Object>> changes(String caseId, String type) {
    return jdbc.sql("SELECT changed_by, detail, fields FROM case_change WHERE case_id = :id AND change_type = :type")
        .param("id", caseId).param("type", type).query().listOfRows();
  }

  private List<String> historyTypes(String caseId) {
    List<String> types = new ArrayList<>();
    api.get("/api/v1/cases/" + caseId + "/history").json().path("items")
        .forEach(e -> types.add(e.path("type").asText()));
    return types;
  }

  private static String merge(String caseId) {
    return "/api/v1/cases/" + caseId + "/merge";
  }

  private static String notes(String caseId) {
    return "/api/v1/cases/" + caseId + "/notes";
  }

  private static String documents(String caseId) {
    return "/api/v1/cases/" + caseId + "/documents";
  }

  private static String links(String caseId) {
    return "/api/v1/cases/" + caseId + "/links";
  }
}
