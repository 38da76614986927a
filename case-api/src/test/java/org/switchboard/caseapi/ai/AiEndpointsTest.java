package org.switchboard.caseapi.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** The AI endpoints on case content and audio, with the installed offline providers where they fit. */
@SwitchboardTest
class AiEndpointsTest {

  @Autowired TestFixtures fixtures;
  @Autowired CaseSeeder seeder;
  @Autowired JdbcClient jdbc;
  @Autowired org.switchboard.caseapi.crypto.RotateTenantKeysUseCase rotation;
  @Autowired org.switchboard.caseapi.ai.results.AiResults results;

  @Test
  void aCaseIsSummarisedFromItsNotesByTheDefaultOfflineProviderAndTheRecordNamesTheCase() {
    String tenant = fixtures.tenant("generic");
    String agentId = fixtures.agent(tenant);
    ApiClient agent = fixtures.as(agentId);
    String caseId = seeder.withoutProcess(tenant, agentId).id();
    for (String note : List.of("Caller reports the boiler has failed and the flat has no heating since Monday.",
        "Landlord was contacted and promised an engineer visit on Thursday morning.",
        "Caller has two young children and is worried about the cold nights.",
        "Agent arranged temporary heaters to be delivered today.")) {
      assertThat(agent.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", note)).status()).isEqualTo(201);
    }

    Response summary = agent.post("/api/v1/ai/summarize", Map.of("caseId", caseId, "maxSentences", 2));

    assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
    assertThat(summary.json().path("aiGenerated").asBoolean()).isTrue();
    assertThat(summary.json().path("provider").asText()).isEqualTo("offline-extractive");
    assertThat(summary.json().path("result").path("text").asText()).isNotBlank();
    Map<String, Object> row = jdbc.sql("SELECT object_type, object_id, tenant_id FROM ai_result WHERE id = :id")
        .param("id", summary.json().path("resultId").asText()).query().singleRow();
    assertThat(row).containsEntry("object_type", "case").containsEntry("object_id", caseId)
        .containsEntry("tenant_id", tenant);

    String other = fixtures.tenant("generic");
    Response foreign = fixtures.as(fixtures.agent(other)).post("/api/v1/ai/summarize", Map.of("caseId", caseId));
    assertThat(foreign.status()).as("another tenant's case is not found").isEqualTo(404);
    Response neither = agent.post("/api/v1/ai/summarize", Map.of("language", "en"));
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.json().path("errors").findValuesAsText("field")).containsExactly("text", "caseId");
  }

  @Test
  void audioIsTranscribedByTheTenantsChainAndNothingButAudioIsAccepted() {
    String tenant = fixtures.tenant("generic");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    assertThat(admin.put("/api/v1/config/ai-services/transcription",
        Map.of("providers", List.of(Map.of("id", "test-transcriber")), "redaction", false)).status()).isEqualTo(200);
    byte[] audio = "RIFF0000WAVE".getBytes(StandardCharsets.US_ASCII);

    Response heard = agent.send(new Multipart().file("file", "voice-note.wav", "audio/wav", audio)
        .field("languageHint", "en").post(agent.request("/api/v1/ai/transcribe")));
    Response notAudio = agent.send(new Multipart().file("file", "notes.txt", "text/plain", audio)
        .post(agent.request("/api/v1/ai/transcribe")));

    assertThat(heard.status()).as(heard.toString()).isEqualTo(200);
    assertThat(heard.json().path("result").path("text").asText()).isEqualTo("heard 12 bytes of audio/wav");
    assertThat(heard.json().path("provider").asText()).isEqualTo("test-transcriber");
    assertThat(notAudio.status()).isEqualTo(400);
    assertThat(notAudio.json().path("errors").get(0).path("field").asText()).isEqualTo("file");
  }

  @Test
  void aKeyRotationReSealsResultOutputsAndDropsCacheEntriesUnderRetiredKeys() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    Response answer = agent.post("/api/v1/ai/analyze-sentiment", Map.of("text", "I feel calm and safe today"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    String resultId = answer.json().path("resultId").asText();
    String before = jdbc.sql("SELECT output FROM ai_result WHERE id = :id").param("id", resultId).query(String.class)
        .single();
    String json = results.find(tenant, resultId).orElseThrow().outputJson();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_cache WHERE tenant_id = :t").param("t", tenant).query(Integer.class)
        .single()).isEqualTo(1);

    rotation.rotate(tenant, true, "test", null, null);

    String after = jdbc.sql("SELECT output FROM ai_result WHERE id = :id").param("id", resultId).query(String.class)
        .single();
    assertThat(org.switchboard.caseapi.crypto.FieldCipher.keyIdOf(after))
        .isNotEqualTo(org.switchboard.caseapi.crypto.FieldCipher.keyIdOf(before));
    assertThat(results.find(tenant, resultId).orElseThrow().outputJson()).isEqualTo(json);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_cache WHERE tenant_id = :t").param("t", tenant).query(Integer.class)
        .single()).isZero();
  }
}
