package org.switchboard.caseapi.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertFieldErrors;
import static org.switchboard.caseapi.support.Problems.assertSameNotFound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
class NotesApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  JdbcClient jdbc;

  String tenant;
  String agent;
  ApiClient api;
  CaseRecord c;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    api = fixtures.as(agent);
    c = seeder.withoutProcess(tenant, agent);
  }

  @Test
  void addsNoteAndListsNewestFirstWithPaging() {
    ApiClient.Response created = api.post(notes(c), Map.of("body", "Caller asked for a call back after 6pm"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode note = created.json();
    assertThat(note.path("id").asText()).isNotBlank();
    assertThat(note.path("caseId").asText()).isEqualTo(c.id());
    assertThat(note.path("body").asText()).isEqualTo("Caller asked for a call back after 6pm");
    assertThat(note.path("author").asText()).isEqualTo(agent);
    assertThat(note.path("createdAt").asText()).isNotBlank();

    api.post(notes(c), Map.of("body", "second"));
    api.post(notes(c), Map.of("body", "third"));

    JsonNode first = api.get(notes(c) + "?page=0&size=2").json();
    assertThat(bodies(first)).containsExactly("third", "second");
    assertThat(first.path("total").asLong()).isEqualTo(3);
    assertThat(first.path("page").asInt()).isZero();
    assertThat(first.path("size").asInt()).isEqualTo(2);
    JsonNode second = api.get(notes(c) + "?page=1&size=2").json();
    assertThat(bodies(second)).containsExactly("Caller asked for a call back after 6pm");
  }

  @Test
  void changeLogAndEventNameTheNoteButNeverItsText() {
    String body = "Sensitive: lives at 12 Example Street " + UUID.randomUUID();
    String noteId = api.post(notes(c), Map.of("body", body)).json().path("id").asText();

    List<Map<String, Object>> changes = jdbc.sql("SELECT change_type, changed_by, detail, fields FROM case_change "
        + "WHERE case_id = :id AND change_type = 'NOTE_ADDED'").param("id", c.id()).query().listOfRows();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("changed_by")).isEqualTo(agent);
    assertThat(String.valueOf(changes.get(0).get("detail"))).contains(noteId).doesNotContain("Example Street");
    assertThat(changes.get(0).get("fields")).isNull();

    List<String> payloads = jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = :id "
        + "AND event_type = 'NoteAdded'").param("id", c.id()).query(String.class).list();
    assertThat(payloads).containsExactly("{\"noteId\":\"" + noteId + "\"}");
  }

  @Test
  void refusesBlankMissingAndOverlongBodiesNamingTheFieldAndWritesNothing() {
    assertFieldErrors(api.post(notes(c), Map.of("body", "")), 400, "body");
    assertFieldErrors(api.post(notes(c), Map.of("body", "   \n ")), 400, "body");
    assertFieldErrors(api.post(notes(c), Map.of()), 400, "body");
    assertFieldErrors(api.post(notes(c), Map.of("body", "x".repeat(20_001))), 400, "body");

    assertThat(api.get(notes(c)).json().path("total").asLong()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_change WHERE case_id = :id AND change_type = 'NOTE_ADDED'")
        .param("id", c.id()).query(Long.class).single()).isZero();

    assertThat(api.post(notes(c), Map.of("body", "x".repeat(20_000))).status()).isEqualTo(201);
  }

  @Test
  void refusesBadPagingNamingTheParameter() {
    assertFieldErrors(api.get(notes(c) + "?size=0"), 400, "size");
    assertFieldErrors(api.get(notes(c) + "?size=101"), 400, "size");
    assertFieldErrors(api.get(notes(c) + "?page=-1"), 400, "page");
  }

  @Test
  void unknownAndForeignCasesAnswerTheSame404() {
    String otherTenant = fixtures.tenant("generic");
    CaseRecord foreign = seeder.withoutProcess(otherTenant, "someone");
    String unknown = UUID.randomUUID().toString();

    assertSameNotFound(api.post(notes(unknown), Map.of("body", "hello")), unknown,
        api.post(notes(foreign), Map.of("body", "hello")), foreign.id());
    assertSameNotFound(api.get(notes(unknown)), unknown, api.get(notes(foreign)), foreign.id());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_note WHERE case_id = :id").param("id", foreign.id())
        .query(Long.class).single()).isZero();
  }

  private static String notes(CaseRecord c) {
    return notes(c.id());
  }

  private static String notes(String caseId) {
    return "/api/v1/cases/" + caseId + "/notes";
  }

  private static List<String> bodies(JsonNode page) {
    List<String> bodies = new ArrayList<>();
    page.path("items").forEach(n -> bodies.add(n.path("body").asText()));
    return bodies;
  }
}
