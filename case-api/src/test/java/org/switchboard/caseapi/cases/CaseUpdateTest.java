package org.switchboard.caseapi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.cases.CaseTestSupport.create;
import static org.switchboard.caseapi.cases.CaseTestSupport.createTriaged;
import static org.switchboard.caseapi.cases.CaseTestSupport.eventTypes;
import static org.switchboard.caseapi.cases.CaseTestSupport.fieldsAtFault;
import static org.switchboard.caseapi.cases.CaseTestSupport.intake;
import static org.switchboard.caseapi.cases.CaseTestSupport.newCase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.cases.CaseChangeLog.Entry;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class CaseUpdateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseChangeLog changeLog;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void aChangeMustNameTheVersionItIsBasedOn() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    JsonNode c = createTriaged(agent, "Original title");
    String path = "/api/v1/cases/" + c.path("id").asText();
    long version = c.path("version").asLong();

    ApiClient.Response missing = agent.patch(path, Map.of("title", "No precondition"));
    assertThat(missing.status()).isEqualTo(428);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");

    ApiClient.Response stale = patch(agent, path, "\"" + (version - 1) + "\"", Map.of("title", "Stale"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.header("Content-Type")).startsWith("application/problem+json");

    assertThat(patch(agent, path, "three", Map.of("title", "Bad tag")).status()).isEqualTo(400);

    ApiClient.Response byBody = agent.patch(path, Map.of("title", "Changed by body version", "version", version));
    assertThat(byBody.status()).as(byBody.toString()).isEqualTo(200);
    assertThat(byBody.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");

    ApiClient.Response byHeader = patch(agent, path, byBody.header("ETag"), Map.of("title", "Changed by If-Match"));
    assertThat(byHeader.status()).as(byHeader.toString()).isEqualTo(200);
    assertThat(byHeader.json().path("version").asLong()).isEqualTo(version + 2);

    ApiClient.Response replay = patch(agent, path, byBody.header("ETag"), Map.of("title", "Lost update"));
    assertThat(replay.status()).isEqualTo(409);
    assertThat(agent.get(path).json().path("title").asText()).isEqualTo("Changed by If-Match");
    assertThat(patch(agent, "/api/v1/cases/" + java.util.UUID.randomUUID(), "\"1\"", Map.of("title", "x")).status())
        .isEqualTo(404);
  }

  @Test
  void customFieldsMergeAreValidatedAndOnlyTheirNamesAreLogged() {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    Map<String, Object> body = newCase("general-enquiry", "Merge me", intake("general", false));
    body.put("customFields", Map.of("preferredLanguage", "en", "referenceNumber", "GE-000001"));
    JsonNode c = create(agent, body);
    String path = "/api/v1/cases/" + c.path("id").asText();
    String etag = "\"" + c.path("version").asLong() + "\"";

    ApiClient.Response invalid = patch(agent, path, etag, Map.of("customFields", Map.of("preferredLanguage", "xx")));
    assertThat(fieldsAtFault(invalid)).containsExactly("customFields.preferredLanguage");
    assertThat(fieldsAtFault(patch(agent, path, etag, Map.of("status", "CLOSED")))).containsExactly("status");
    assertThat(fieldsAtFault(patch(agent, path, etag, Map.of("title", "  ")))).containsExactly("title");
    assertThat(fieldsAtFault(patch(agent, path, etag, Map.of("priority", "SOON")))).containsExactly("priority");
    assertThat(agent.get(path).json().path("version").asLong()).isEqualTo(c.path("version").asLong());

    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("preferredLanguage", "de");
    custom.put("referenceNumber", null);
    custom.put("consentToContact", true);
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("customFields", custom);
    change.put("description", "Confidential account of events");
    change.put("priority", "HIGH");
    ApiClient.Response updated = patch(agent, path, etag, change);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonNode fields = updated.json().path("customFields");
    assertThat(fields.path("preferredLanguage").asText()).isEqualTo("de");
    assertThat(fields.path("consentToContact").asBoolean()).isTrue();
    assertThat(fields.has("referenceNumber")).isFalse();
    assertThat(updated.json().path("priority").asText()).isEqualTo("HIGH");
    assertThat(updated.json().path("description").asText()).isEqualTo("Confidential account of events");

    List<Entry> history = changeLog.list(c.path("id").asText());
    Entry last = history.get(history.size() - 1);
    assertThat(last.changeType()).isEqualTo("UPDATED");
    assertThat(last.fields()).extracting(FieldChange::field).containsExactlyInAnyOrder("description", "priority",
        "customFields.preferredLanguage", "customFields.referenceNumber", "customFields.consentToContact");
    for (FieldChange field : last.fields()) {
      if (field.field().equals("priority")) {
        assertThat(field.from()).isEqualTo("NORMAL");
        assertThat(field.to()).isEqualTo("HIGH");
      } else {
        assertThat(field.from()).as(field.field()).isNull();
        assertThat(field.to()).as(field.field()).isNull();
      }
    }
    String storedFields = jdbc.sql("SELECT fields FROM case_change WHERE id = :id").param("id", last.id())
        .query(String.class).single();
    assertThat(storedFields).doesNotContain("Confidential").doesNotContain("\"de\"");
    assertThat(eventTypes(jdbc, c.path("id").asText())).contains("CaseUpdated");
  }

  @Test
  void twoSimultaneousChangesOfTheSameVersionNeverBothWin() throws Exception {
    ApiClient agent = fixtures.as(fixtures.agent(fixtures.tenant("generic")));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        JsonNode c = createTriaged(agent, "Race " + round);
        String path = "/api/v1/cases/" + c.path("id").asText();
        String etag = "\"" + c.path("version").asLong() + "\"";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> racers = new ArrayList<>();
        for (String writer : List.of("Writer A", "Writer B")) {
          racers.add(pool.submit(() -> {
            start.await();
            return patch(agent, path, etag, Map.of("title", writer, "priority", "HIGH"));
          }));
        }
        start.countDown();
        ApiClient.Response first = racers.get(0).get(30, TimeUnit.SECONDS);
        ApiClient.Response second = racers.get(1).get(30, TimeUnit.SECONDS);

        assertThat(List.of(first.status(), second.status())).as(first + " / " + second)
            .containsExactlyInAnyOrder(200, 409);
        ApiClient.Response winner = first.status() == 200 ? first : second;
        JsonNode stored = agent.get(path).json();
        assertThat(stored.path("title").asText()).isEqualTo(winner.json().path("title").asText());
        assertThat(stored.path("version").asLong()).isEqualTo(c.path("version").asLong() + 1);
        assertThat(changeLog.list(c.path("id").asText())).filteredOn(e -> e.changeType().equals("UPDATED")).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ApiClient.Response patch(ApiClient api, String path, String ifMatch, Object body) {
    try {
      return api.send(api.request(path)
          .header("Content-Type", "application/json")
          .header("If-Match", ifMatch)
          .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
