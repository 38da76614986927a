package org.switchboard.caseapi.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseType;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** reliability.md C-2, C-3 and the database part of C-1 for the encrypted columns. */
@SwitchboardTest
class EncryptionTest {

  static final String FORM = """
      {"type": "default", "components": [
        {"id": "f1", "type": "textfield", "key": "secretNote", "label": "Secret",
         "properties": {"classification": "confidential"}},
        {"id": "f2", "type": "textfield", "key": "plainRef", "label": "Reference"}]}
      """;

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  CaseDataProtection protection;
  @Autowired
  DataKeys dataKeys;
  @Autowired
  FieldCipher cipher;
  @Autowired
  CaseTypeRepository caseTypes;

  String tenant;
  ApiClient agent;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
    caseTypes.insert(new CaseType(UUID.randomUUID().toString(), tenant, "crypto-test", "Crypto test", "generic",
        "CaseLifecycle", FORM, null, false, true, Instant.now()));
  }

  @Test
  void canaryWrittenThroughTheApiIsNotInTheEncryptedColumns() {
    String canary = "CANARY-" + UUID.randomUUID();
    JsonNode c = createCase(canary + " description", Map.of("secretNote", canary + " custom", "plainRef", "R-1"));
    String id = c.path("id").asText();
    ApiClient.Response note = agent.post("/api/v1/cases/" + id + "/notes", Map.of("body", canary + " note"));
    assertThat(note.status()).as(note.toString()).isEqualTo(201);

    Map<String, Object> row = jdbc.sql("SELECT description, custom_fields FROM case_record WHERE id = :id")
        .param("id", id).query().singleRow();
    List<String> bodies = jdbc.sql("SELECT body FROM case_note WHERE case_id = :id").param("id", id)
        .query(String.class).list();
    assertThat(String.valueOf(row.get("description"))).doesNotContain("CANARY").startsWith("v1:");
    assertThat(String.valueOf(row.get("custom_fields"))).doesNotContain("CANARY").contains("$sealed")
        .contains("\"plainRef\":\"R-1\"");
    assertThat(bodies).hasSize(1).allSatisfy(b -> assertThat(b).doesNotContain("CANARY").startsWith("v1:"));
    List<String> allEncrypted = jdbc.sql("SELECT COALESCE(description, '') || COALESCE(custom_fields, '') "
        + "FROM case_record UNION ALL SELECT body FROM case_note").query(String.class).list();
    assertThat(allEncrypted).noneMatch(v -> v.contains(canary));

    JsonNode read = agent.get("/api/v1/cases/" + id).json();
    assertThat(read.path("description").asText()).isEqualTo(canary + " description");
    assertThat(read.path("customFields").path("secretNote").asText()).isEqualTo(canary + " custom");
    assertThat(read.path("customFields").path("plainRef").asText()).isEqualTo("R-1");
    assertThat(read.path("customFields").has(CaseDataProtection.SEALED)).isFalse();
    assertThat(agent.get("/api/v1/cases/" + id + "/notes").json().path("items").get(0).path("body").asText())
        .isEqualTo(canary + " note");
    assertThat(agent.get("/api/v1/cases?q=CANARY").json().path("total").asLong()).isZero();
  }

  @Test
  void ciphertextMovedToAnotherRowFieldOrTenantDoesNotDecrypt() {
    String one = createCase("first description", Map.of()).path("id").asText();
    String two = createCase("second description", Map.of()).path("id").asText();
    String stored = jdbc.sql("SELECT description FROM case_record WHERE id = :id").param("id", one)
        .query(String.class).single();
    assertThat(protection.openDescription(one, tenant, stored)).isEqualTo("first description");

    assertThatThrownBy(() -> protection.openDescription(two, tenant, stored))
        .isInstanceOf(DecryptionFailedException.class).hasCauseInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> protection.openNoteBody(one, tenant, stored))
        .isInstanceOf(DecryptionFailedException.class).hasCauseInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> protection.openDescription(one, fixtures.tenant("generic"), stored))
        .isInstanceOf(DecryptionFailedException.class).hasCauseInstanceOf(AEADBadTagException.class);

    jdbc.sql("UPDATE case_record SET description = :d WHERE id = :id").param("d", stored).param("id", two).update();
    ApiClient.Response moved = agent.get("/api/v1/cases/" + two);
    assertThat(moved.status()).isEqualTo(500);
    assertThat(moved.json().path("title").asText()).isEqualTo("Stored data integrity failure");
    assertThat(moved.text()).doesNotContain("first description");
  }

  @Test
  void hundredThousandEncryptionsUnderOneKeyNeverRepeatANonce() {
    Subject subject = Subject.ofCase(UUID.randomUUID().toString());
    DataKeys.ActiveKey key = dataKeys.active(tenant, subject);
    byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = "x".getBytes(StandardCharsets.UTF_8);
    Set<ByteBuffer> nonces = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      byte[] sealed = key.seal(aad, plaintext);
      nonces.add(ByteBuffer.wrap(sealed, 0, Aead.NONCE_BYTES).slice());
    }
    assertThat(nonces).hasSize(100_000);
    long counted = jdbc.sql("SELECT invocations FROM data_key_usage WHERE key_id = :id").param("id", key.id())
        .query(Long.class).single();
    assertThat(counted).isGreaterThanOrEqualTo(100_000L);
  }

  @Test
  void keyNearItsInvocationLimitIsReplacedBeforeReachingIt() {
    Subject subject = Subject.ofCase(UUID.randomUUID().toString());
    String first = dataKeys.active(tenant, subject).id();
    jdbc.sql("UPDATE data_key_usage SET invocations = 4000000000 - 10 WHERE key_id = :id").param("id", first)
        .update();
    FieldRef ref = new FieldRef("case_record", subject.id(), "description", tenant);

    String stored = cipher.encrypt(ref, subject, "after the limit");

    assertThat(FieldCipher.keyIdOf(stored)).get().isNotEqualTo(first);
    assertThat(cipher.decrypt(ref, stored)).isEqualTo("after the limit");
    assertThat(jdbc.sql("SELECT state FROM data_key WHERE id = :id").param("id", first).query(String.class)
        .single()).isEqualTo("RETIRING");
  }

  private JsonNode createCase(String description, Map<String, Object> custom) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", "crypto-test");
    body.put("title", "Encrypted case");
    body.put("description", description);
    body.put("customFields", custom);
    body.put("intake", Map.of("category", "general", "immediateDanger", false));
    ApiClient.Response response = agent.post("/api/v1/cases", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }
}
