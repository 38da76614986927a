package org.switchboard.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Case creation through the API (HTTP + auth + DMN risk, routing and SLA + triage + first user task
 * + outbox, on PostgreSQL) next to bare Camunda starting a one-task process on the same server with
 * the same history level and the same client concurrency.
 *
 * <p>Usage: {@code bench/run.sh case-creation [cases] [threads]}; needs case-api/target/switchboard.jar.
 */
public final class CaseCreationBenchmark {

  private static final String ADMIN_PASSWORD = "bench-admin-password";

  private CaseCreationBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int warmup = Math.max(100, cases / 10);
    File jar = new File(BenchDatabase.env("SWITCHBOARD_JAR", "case-api/target/switchboard.jar"));
    if (!jar.isFile()) {
      throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
    }

    LatencyRecorder.Result baseline;
    try (BenchDatabase db = new BenchDatabase("bench_baseline"); HikariDataSource ds = db.dataSource(threads + 2)) {
      ProcessEngine engine = BareCamundaBaseline.engine(ds, "baseline");
      BareCamundaBaseline.deployOneTaskProcess(engine);
      BareCamundaBaseline.run(engine, "warm-up", warmup, threads);
      baseline = BareCamundaBaseline.run(engine, "bare Camunda: start one-task process", cases, threads);
      engine.close();
    }

    LatencyRecorder.Result ours;
    try (BenchDatabase db = new BenchDatabase("bench_switchboard")) {
      int port = BenchApp.freePort();
      Process app = BenchApp.start(db, port, List.of("-jar", jar.getAbsolutePath()),
          Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD));
      try {
        String base = "http://localhost:" + port;
        BenchApp.awaitUp(base, app, Duration.ofSeconds(180));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        LatencyRecorder.measure("warm-up", warmup, threads, i -> createCase(http, base, auth, i));
        ours = LatencyRecorder.measure("Switchboard: POST /api/v1/cases", cases, threads,
            i -> createCase(http, base, auth, i));
      } finally {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
          app.destroyForcibly();
        }
      }
    }

    System.out.println();
    System.out.println("Case creation on PostgreSQL, history level full, " + threads + " client threads, "
        + Runtime.getRuntime().availableProcessors() + " cores");
    System.out.println(LatencyRecorder.Result.header());
    System.out.println(baseline.row());
    System.out.println(ours.row());
    System.out.printf("ratio (ours / baseline) throughput: %.2fx (target >= 0.5x); p99: %.2fx%n",
        ours.perSecond() / baseline.perSecond(), ours.p99Millis() / baseline.p99Millis());
  }

  /** A mix of intake facts so the risk, routing and SLA tables take different rows. */
  private static void createCase(HttpClient http, String base, String auth, int i) throws Exception {
    boolean danger = i % 10 == 0;
    boolean selfHarm = i % 7 == 0;
    String category = switch (i % 4) {
      case 0 -> "general";
      case 1 -> "billing";
      case 2 -> "complaint";
      default -> "medical";
    };
    String body = """
        {"tenantId":"default","caseType":"general-enquiry","title":"Benchmark case %d","channel":"phone",
         "intake":{"category":"%s","immediateDanger":%s,"selfHarmRisk":%s,"childAtRisk":false}}
        """.formatted(i, category, danger, selfHarm);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
  }

}
