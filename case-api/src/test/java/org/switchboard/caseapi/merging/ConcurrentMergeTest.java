package org.switchboard.caseapi.merging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

/** Requests racing on the same cases queue up on row locks: one wins, the other is refused, nothing is lost. */
@SwitchboardTest
class ConcurrentMergeTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  CaseRepository cases;
  @Autowired
  JdbcClient jdbc;

  @Test
  void mergingTwoCasesIntoEachOtherAtOnceLetsExactlyOneWin() throws Exception {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ApiClient api = fixtures.as(agent);
    for (int round = 0; round < 5; round++) {
      CaseRecord a = seeder.withoutProcess(tenant, agent);
      CaseRecord b = seeder.withoutProcess(tenant, agent);
      api.post("/api/v1/cases/" + a.id() + "/notes", Map.of("body", "a"));
      api.post("/api/v1/cases/" + b.id() + "/notes", Map.of("body", "b"));

      List<Integer> statuses = race(
          () -> api.post("/api/v1/cases/" + a.id() + "/merge", Map.of("duplicateCaseId", b.id())).status(),
          () -> api.post("/api/v1/cases/" + b.id() + "/merge", Map.of("duplicateCaseId", a.id())).status());

      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
      CaseRecord afterA = cases.findById(a.id()).orElseThrow();
      CaseRecord afterB = cases.findById(b.id()).orElseThrow();
      assertThat(afterA.mergedIntoCaseId() == null ^ afterB.mergedIntoCaseId() == null).isTrue();
      String survivor = afterA.mergedIntoCaseId() == null ? a.id() : b.id();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM case_note WHERE case_id = :id").param("id", survivor)
          .query(Long.class).single()).isEqualTo(2);
    }
  }

  @Test
  void concurrentNewVersionsGetDistinctNumbers() throws Exception {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ApiClient api = fixtures.as(agent);
    CaseRecord c = seeder.withoutProcess(tenant, agent);
    String documents = "/api/v1/cases/" + c.id() + "/documents";
    String docId = api.send(Multipart.file(api, documents, "file", "v1.pdf", TestFiles.pdf())).json()
        .path("id").asText();
    String versions = documents + "/" + docId + "/versions";

    List<Integer> statuses = race(
        () -> api.send(Multipart.file(api, versions, "file", "v.pdf", TestFiles.pdf())).status(),
        () -> api.send(Multipart.file(api, versions, "file", "v.pdf", TestFiles.pdf())).status(),
        () -> api.send(Multipart.file(api, versions, "file", "v.pdf", TestFiles.pdf())).status());

    assertThat(statuses).containsOnly(201);
    assertThat(jdbc.sql("SELECT version FROM document_version WHERE document_id = :id ORDER BY version")
        .param("id", docId).query(Integer.class).list()).containsExactly(1, 2, 3, 4);
    assertThat(api.get(documents + "/" + docId).json().path("currentVersion").asInt()).isEqualTo(4);
  }

  @SafeVarargs
  private static <T> List<T> race(Supplier<T>... actions) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(actions.length);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<T>> futures = new ArrayList<>();
      for (Supplier<T> action : actions) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return action.get();
        }, pool));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (CompletableFuture<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
