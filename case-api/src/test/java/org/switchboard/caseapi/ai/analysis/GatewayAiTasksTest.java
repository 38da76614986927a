package org.switchboard.caseapi.ai.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.tasks.AiTasks;
import org.switchboard.workers.channels.Channel;

/**
 * The AI topics element templates offer beyond risk analysis (intent, summary, translation) through the real
 * gateway with the offline providers a new organisation starts with.
 */
@SwitchboardTest
class GatewayAiTasksTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor inbound;
  @Autowired AiTasks tasks;
  @Autowired JdbcClient jdbc;
  @Autowired org.switchboard.caseapi.support.CaseSeeder seeder;
  @Autowired org.switchboard.caseapi.ai.results.AiResults results;

  @Test
  void intentSummaryAndTranslationOfAMessage() {
    String tenant = fixtures.tenant("customer-service");
    var account = conversations.account(tenant, Channel.SMS, "customer-service-request");
    String messageId = conversations.accept(conversations.message(account, "+447700900321",
        "I want a refund for my order, the parcel never arrived")).messageId();
    assertThat(inbound.process(messageId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    String caseId = jdbc.sql("SELECT case_id FROM message WHERE id = :id").param("id", messageId)
        .query(String.class).single();

    AiTasks.IntentFacts intent = tasks.classifyIntent(tenant, messageId);
    assertThat(intent.available()).isTrue();
    assertThat(intent.intent()).isEqualTo("refund");
    assertThat(intent.resultId()).isNotBlank();

    AiTasks.ResultFacts summary = tasks.summarize(tenant, caseId);
    assertThat(summary.available()).isTrue();
    assertThat(jdbc.sql("SELECT service FROM ai_result WHERE id = :id").param("id", summary.resultId())
        .query(String.class).single()).isEqualTo("SUMMARY");

    // No translator works offline: until a tenant configures one, the task fails technically (retries, then an
    // incident naming the reason), it never pretends to have translated.
    assertThat(catchThrowable(() -> tasks.translate(tenant, messageId, "es")))
        .isInstanceOf(AiUnavailableException.class);
  }

  /**
   * A voice note stored on a case goes through the Transcribe task to the offline transcriber (Debian pocketsphinx on
   * speech made by espeak-ng; skipped where they are not installed, as .ci/run installs them).
   */
  @Test
  void aVoiceNoteStoredOnACaseIsTranscribedOffline() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(installed("pocketsphinx_continuous") && installed("espeak-ng"),
        "pocketsphinx or espeak-ng not installed");
    String tenant = fixtures.tenant("survivor-support");
    String agent = fixtures.agent(tenant);
    var c = seeder.withoutProcess(tenant, agent);
    java.nio.file.Path wav = java.nio.file.Files.createTempFile("voice-note", ".wav");
    try {
      Process espeak = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "130", "-w", wav.toString(),
          "I am afraid he will hurt me").redirectErrorStream(true).start();
      assertThat(espeak.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      var api = fixtures.as(agent);
      var upload = api.send(org.switchboard.caseapi.support.Multipart.file(api,
          "/api/v1/cases/" + c.id() + "/documents", "file", "voice-note.wav", java.nio.file.Files.readAllBytes(wav)));
      assertThat(upload.status()).as(upload.text()).isEqualTo(201);
      String documentId = upload.json().path("id").asText();

      AiTasks.ResultFacts transcript = tasks.transcribe(tenant, documentId);

      assertThat(transcript.available()).isTrue();
      var stored = jdbc.sql("SELECT service, provider_id FROM ai_result WHERE id = :id AND tenant_id = :t")
          .param("id", transcript.resultId()).param("t", tenant).query().singleRow();
      assertThat(stored).containsEntry("service", "TRANSCRIPTION").containsEntry("provider_id", "offline-pocketsphinx");
      assertThat(results.find(tenant, transcript.resultId()).orElseThrow().outputJson()).contains("afraid");
    } finally {
      java.nio.file.Files.deleteIfExists(wav);
    }
  }

  private static boolean installed(String binary) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, binary)));
  }
}
