package org.switchboard.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
      int port = freePort();
      Process app = startApp(jar, db, port);
      try {
        String base = "http://localhost:" + port;
        waitUntilUp(base, app);
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

  private static Process startApp(File jar, BenchDatabase db, int port) throws IOException {
    File workDir = new File("bench/target/app-" + port);
    workDir.mkdirs();
    List<String> command = new ArrayList<>(List.of("java"));
    // e.g. BENCH_APP_JVM_ARGS="-XX:StartFlightRecording=filename=app.jfr" to profile the application side
    String jvmArgs = BenchDatabase.env("BENCH_APP_JVM_ARGS", "");
    if (!jvmArgs.isBlank()) {
      command.addAll(List.of(jvmArgs.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.getAbsolutePath(), "--spring.profiles.active=postgres",
        "--logging.level.root=warn"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir)
        .redirectErrorStream(true)
        .redirectOutput(new File(workDir, "app.log"));
    builder.environment().put("SERVER_PORT", String.valueOf(port));
    builder.environment().put("SWITCHBOARD_DB_URL", db.url);
    builder.environment().put("SWITCHBOARD_DB_USER", BenchDatabase.USER);
    builder.environment().put("SWITCHBOARD_DB_PASSWORD", BenchDatabase.PASSWORD);
    builder.environment().put("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
    return builder.start();
  }

  private static void waitUntilUp(String base, Process app) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new IllegalStateException("The application exited; see bench/target/app-*/app.log");
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The application did not start within 180 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
