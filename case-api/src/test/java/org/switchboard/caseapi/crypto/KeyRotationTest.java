package org.switchboard.caseapi.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** reliability.md C-4: rotation while other threads read and write; nothing lost, nothing left behind. */
@SwitchboardTest
class KeyRotationTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  CardVault vault;

  @Test
  void rotationUnderConcurrentReadsAndWritesLosesNothing() throws Exception {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient admin = fixtures.as(fixtures.admin());
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ApiClient.Response created = agent.post("/api/v1/cases", Map.of("caseType", "general-enquiry",
          "title", "Rotation " + i, "description", "initial " + i,
          "intake", Map.of("category", "general", "immediateDanger", false)));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      cases.add(created.json().path("id").asText());
      agent.post("/api/v1/cases/" + cases.get(i) + "/notes", Map.of("body", "first note " + i));
    }

    Queue<String> errors = new ConcurrentLinkedQueue<>();
    Map<String, String> notesWritten = new ConcurrentHashMap<>();
    Map<String, String> lastDescription = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 2; w++) {
      List<String> mine = List.of(cases.get(w * 3), cases.get(w * 3 + 1), cases.get(w * 3 + 2));
      pool.submit(() -> write(agent, mine, stop, errors, notesWritten, lastDescription));
    }
    for (int r = 0; r < 2; r++) {
      pool.submit(() -> read(agent, cases, stop, errors));
    }

    Thread.sleep(300);
    for (int i = 0; i < 2; i++) {
      ApiClient.Response rotated = admin.post("/api/v1/admin/keys/" + tenant + "/rotate", Map.of());
      assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
      assertThat(rotated.json().path("dataKeysRetired").asInt()).isPositive();
    }
    Thread.sleep(300);
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    assertThat(errors).isEmpty();
    assertThat(notesWritten).isNotEmpty();
    for (String caseId : cases) {
      JsonNode notes = agent.get("/api/v1/cases/" + caseId + "/notes?size=100").json().path("items");
      Map<String, String> stored = new java.util.HashMap<>();
      notes.forEach(n -> stored.put(n.path("id").asText(), n.path("body").asText()));
      notesWritten.forEach((noteId, body) -> {
        if (body.startsWith(caseId)) {
          assertThat(stored).containsEntry(noteId, body);
        }
      });
      if (lastDescription.containsKey(caseId)) {
        assertThat(agent.get("/api/v1/cases/" + caseId).json().path("description").asText())
            .isEqualTo(lastDescription.get(caseId));
      }
    }
    List<String> ciphertexts = jdbc.sql("SELECT description FROM case_record WHERE tenant_id = :t "
        + "UNION ALL SELECT body FROM case_note WHERE tenant_id = :t").param("t", tenant).query(String.class).list();
    for (String value : ciphertexts) {
      String keyId = FieldCipher.keyIdOf(value).orElseThrow();
      assertThat(jdbc.sql("SELECT state FROM data_key WHERE id = :id").param("id", keyId).query(String.class)
          .single()).as("key of a stored value").isEqualTo("ACTIVE");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM data_key WHERE tenant_id = :t AND state = 'RETIRED'")
        .param("t", tenant).query(Long.class).single()).isGreaterThanOrEqualTo(cases.size());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND action = 'KEY_ROTATED'")
        .param("t", tenant).query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void cardNumbersInTheVaultAreResealedUnderTheCasesNewKey() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient.Response created = agent.post("/api/v1/cases", Map.of("caseType", "general-enquiry",
        "title", "Card", "description", "paid with 4111 1111 1111 1111",
        "intake", Map.of("category", "general", "immediateDanger", false)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String caseId = created.json().path("id").asText();
    String token = jdbc.sql("SELECT token FROM card_vault WHERE case_id = :c").param("c", caseId)
        .query(String.class).single();
    String before = jdbc.sql("SELECT pan FROM card_vault WHERE token = :t").param("t", token)
        .query(String.class).single();

    ApiClient.Response rotated = fixtures.as(fixtures.admin()).post("/api/v1/admin/keys/" + tenant + "/rotate",
        Map.of());
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);

    String after = jdbc.sql("SELECT pan FROM card_vault WHERE token = :t").param("t", token)
        .query(String.class).single();
    assertThat(FieldCipher.keyIdOf(after)).isNotEqualTo(FieldCipher.keyIdOf(before));
    assertThat(jdbc.sql("SELECT state FROM data_key WHERE id = :id").param("id", FieldCipher.keyIdOf(after)
        .orElseThrow()).query(String.class).single()).isEqualTo("ACTIVE");
    assertThat(vault.detokenize(tenant, token)).contains("4111111111111111");
  }

  @Test
  void onlyAdministratorsRotateAndUnknownTenantsAreNotFound() {
    String tenant = fixtures.tenant("generic");
    assertThat(fixtures.as(fixtures.agent(tenant)).post("/api/v1/admin/keys/" + tenant + "/rotate", Map.of())
        .status()).isEqualTo(403);
    assertThat(fixtures.as(fixtures.admin()).post("/api/v1/admin/keys/no-such-tenant/rotate", Map.of()).status())
        .isEqualTo(404);
  }

  private static void write(ApiClient api, List<String> cases, AtomicBoolean stop, Queue<String> errors,
      Map<String, String> notesWritten, Map<String, String> lastDescription) {
    int n = 0;
    while (!stop.get()) {
      String caseId = cases.get(n % cases.size());
      String body = caseId + " note " + n;
      ApiClient.Response note = api.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", body));
      if (note.status() != 201) {
        errors.add("note: " + note);
      } else {
        notesWritten.put(note.json().path("id").asText(), body);
      }
      ApiClient.Response current = api.get("/api/v1/cases/" + caseId);
      String description = "description " + n + " of " + caseId;
      ApiClient.Response patched = api.patch("/api/v1/cases/" + caseId,
          Map.of("description", description, "version", current.json().path("version").asLong()));
      if (patched.status() == 200) {
        lastDescription.put(caseId, description);
      } else {
        errors.add("patch: " + patched);
      }
      n++;
    }
  }

  private static void read(ApiClient api, List<String> cases, AtomicBoolean stop, Queue<String> errors) {
    int n = 0;
    while (!stop.get()) {
      String caseId = cases.get(n++ % cases.size());
      ApiClient.Response c = api.get("/api/v1/cases/" + caseId);
      ApiClient.Response notes = api.get("/api/v1/cases/" + caseId + "/notes");
      if (c.status() != 200 || notes.status() != 200 || c.json().path("description").asText().isEmpty()) {
        errors.add("read: " + c + " / " + notes);
      }
    }
  }
}
