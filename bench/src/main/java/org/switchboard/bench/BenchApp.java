package org.switchboard.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application as a separate process on the benchmark database, the way a deployment runs it: its own
 * JVM, the {@code postgres} profile, a free port, its log in {@code bench/target/app-<port>/app.log}.
 */
final class BenchApp {

  private BenchApp() {
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * @param launch the java arguments that start the application (e.g. {@code -jar switchboard.jar})
   * @param env environment beyond the port and the database (admin password, channel accounts)
   */
  static Process start(BenchDatabase db, int port, List<String> launch, Map<String, String> env) throws IOException {
    File workDir = new File("bench/target/app-" + port);
    workDir.mkdirs();
    List<String> command = new ArrayList<>(List.of("java"));
    // e.g. BENCH_APP_JVM_ARGS="-XX:StartFlightRecording=filename=app.jfr" to profile the application side
    String jvmArgs = BenchDatabase.env("BENCH_APP_JVM_ARGS", "");
    if (!jvmArgs.isBlank()) {
      command.addAll(List.of(jvmArgs.trim().split("\\s+")));
    }
    command.addAll(launch);
    command.addAll(List.of("--spring.profiles.active=postgres", "--logging.level.root=warn"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir)
        .redirectErrorStream(true)
        .redirectOutput(new File(workDir, "app.log"));
    Map<String, String> environment = builder.environment();
    environment.put("SERVER_PORT", String.valueOf(port));
    environment.put("SWITCHBOARD_DB_URL", db.url);
    environment.put("SWITCHBOARD_DB_USER", BenchDatabase.USER);
    environment.put("SWITCHBOARD_DB_PASSWORD", BenchDatabase.PASSWORD);
    environment.putAll(env);
    return builder.start();
  }

  /** Waits until {@code /actuator/health} says UP; fails when the process exits or the time runs out. */
  static void awaitUp(String base, Process app, Duration within) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + within.toNanos();
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
    throw new IllegalStateException("The application did not start within " + within.toSeconds() + " s");
  }
}
