package org.switchboard.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook ingress: Twilio inbound messages and delivery status callbacks, signed exactly as Twilio signs them, against
 * the application on PostgreSQL, next to a no-op POST on the same stack (Tomcat, security filter chain, Spring MVC;
 * loaded from bench/target/classes via {@code loader.path}, never part of the application).
 *
 * <p>Measured: (1) ack latency at a sustained offered rate (open loop: each request is timed from the moment it was
 * due, so a stalled server cannot hide queueing), for the no-op baseline and for the webhook mix of one inbound
 * message per three status callbacks (one WhatsApp number at 80 msg/s with sent/delivered/read callbacks at 320
 * requests/s); (2) capacity: requests/s with {@code clients} closed-loop clients, both endpoints, as a ratio;
 * (3) inbound-to-case: from the stored message to the case started from it (asynchronous processing; every
 * inbound message comes from a new sender, the heavier path).
 *
 * <p>Usage: {@code bench/run.sh webhook-ingress [rate=320] [seconds=45] [clients=32]}.
 */
public final class WebhookIngressBenchmark {

  private static final String ACCOUNT_SID = "AC" + "b".repeat(32);
  private static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";
  private static final String NUMBER = "+15005550006";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final AtomicLong inboundSeq = new AtomicLong();
  private final AtomicLong statusSeq = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  private WebhookIngressBenchmark(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    double rate = args.length > 0 ? Double.parseDouble(args[0]) : 320;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 45;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    File jar = new File(BenchDatabase.env("SWITCHBOARD_JAR", "case-api/target/switchboard.jar"));
    if (!jar.isFile()) {
      throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
    }
    try (BenchDatabase db = new BenchDatabase("bench_webhooks")) {
      int port = BenchApp.freePort();
      // PropertiesLauncher adds the baseline endpoint (bench/target/classes) to the application's class path; the
      // default tenant's Twilio account comes from the environment, as a deployment would configure it.
      Process app = BenchApp.start(db, port, List.of(
          "-Dloader.path=" + new File("bench/target/classes").getAbsolutePath(), "-cp", jar.getAbsolutePath(),
          "org.springframework.boot.loader.launch.PropertiesLauncher"),
          Map.of("SWITCHBOARD_ADMIN_PASSWORD", "bench-admin-password", "TWILIO_ACCOUNT_SID", ACCOUNT_SID,
              "TWILIO_AUTH_TOKEN", AUTH_TOKEN, "TWILIO_PHONE_NUMBER", NUMBER));
      try (HikariDataSource ds = db.dataSource(2)) {
        String base = "http://localhost:" + port;
        BenchApp.awaitUp(base, app, Duration.ofSeconds(240));
        new WebhookIngressBenchmark(base).run(ds, rate, seconds, clients);
      } finally {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
          app.destroyForcibly();
        }
      }
    }
  }

  private void run(HikariDataSource ds, double rate, int seconds, int clients) throws Exception {
    int capacityOps = clients * 250;
    // Every status callback needs an outbound message in the ledger; three callbacks per message.
    long statusRequests = (long) (rate * (20 + seconds) * 3 / 4) + capacityOps;
    seedOutbound(ds, statusRequests / 3 + 1);

    openLoop("warm-up: no-op", rate, 20, this::noop);
    openLoop("warm-up: webhook mix", rate, 20, this::mix);
    // The warm-up's messages are processed before the measured run, so they do not queue ahead of it.
    awaitInboundDrained(ds);

    LatencyRecorder.Result noopAck = openLoop("no-op POST at " + (int) rate + "/s", rate, seconds, this::noop);
    long firstMeasured = inboundSeq.get();
    Instant measuredFrom = Instant.now();
    LatencyRecorder.Result mixAck = openLoop("webhooks (1 inbound : 3 status) at " + (int) rate + "/s", rate,
        seconds, this::mix);
    long lastMeasured = inboundSeq.get();
    InboundToCase toCase = inboundToCase(ds, firstMeasured, lastMeasured, measuredFrom);

    LatencyRecorder.Result noopCapacity = LatencyRecorder.measure("no-op POST, " + clients + " clients",
        capacityOps, clients, i -> expect(http.send(noop(i), HttpResponse.BodyHandlers.discarding())));
    LatencyRecorder.Result mixCapacity = LatencyRecorder.measure("webhooks, " + clients + " clients",
        capacityOps, clients, i -> expect(http.send(mix(i), HttpResponse.BodyHandlers.discarding())));

    System.out.println();
    System.out.println("Webhook ingress on PostgreSQL, " + Runtime.getRuntime().availableProcessors()
        + " cores shared by client, application and database");
    System.out.println(LatencyRecorder.Result.header());
    System.out.println(noopAck.row());
    System.out.println(mixAck.row());
    System.out.println(noopCapacity.row());
    System.out.println(mixCapacity.row());
    System.out.printf("ack p99 at %.0f/s: %.1f ms (target < 200 ms; no-op baseline %.1f ms)%n", rate,
        mixAck.p99Millis(), noopAck.p99Millis());
    System.out.printf("capacity: %.0f req/s vs no-op %.0f req/s = %.2fx (target >= 0.3x)%n",
        mixCapacity.perSecond(), noopCapacity.perSecond(), mixCapacity.perSecond() / noopCapacity.perSecond());
    System.out.printf("inbound-to-case (stored -> case started from it): %d of %d messages within the wait;"
        + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", toCase.processed(), toCase.sent(), toCase.p50(), toCase.p99(),
        toCase.max());
  }

  // ---- requests ----------------------------------------------------------------------------------------------

  private HttpRequest noop(int i) {
    return HttpRequest.newBuilder(URI.create(base + "/webhooks/bench-noop"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("n=" + i)).build();
  }

  /** One inbound message per three status callbacks. */
  private HttpRequest mix(int i) {
    return i % 4 == 0 ? inbound() : status();
  }

  private HttpRequest inbound() {
    long n = inboundSeq.getAndIncrement();
    String sid = "SMin" + runId + "x" + n;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ToCountry", "US");
    p.put("ToState", "CA");
    p.put("SmsMessageSid", sid);
    p.put("NumMedia", "0");
    p.put("ToCity", "");
    p.put("FromZip", "");
    p.put("SmsSid", sid);
    p.put("FromState", "");
    p.put("SmsStatus", "received");
    p.put("FromCity", "");
    p.put("Body", "Benchmark message " + n + ": I need to talk to someone about my case, please call back.");
    p.put("FromCountry", "GB");
    p.put("To", NUMBER);
    p.put("ToZip", "");
    p.put("NumSegments", "1");
    p.put("MessageSid", sid);
    p.put("AccountSid", ACCOUNT_SID);
    // A new sender each time: every message starts a case (the heavier inbound path).
    p.put("From", String.format("+44770%07d", n));
    p.put("ApiVersion", "2010-04-01");
    return signed("/webhooks/twilio/sms", p);
  }

  private HttpRequest status() {
    long n = statusSeq.getAndIncrement();
    String sid = outboundSid(n / 3);
    String state = switch ((int) (n % 3)) {
      case 0 -> "sent";
      case 1 -> "delivered";
      default -> "read";
    };
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccountSid", ACCOUNT_SID);
    p.put("ApiVersion", "2010-04-01");
    p.put("From", NUMBER);
    p.put("MessageSid", sid);
    p.put("MessageStatus", state);
    p.put("SmsSid", sid);
    p.put("SmsStatus", state);
    p.put("To", "+447700900999");
    return signed("/webhooks/twilio/status", p);
  }

  private HttpRequest signed(String path, Map<String, String> params) {
    String url = base + path;
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    String body = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", hmacSha1(AUTH_TOKEN, data.toString()))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static void expect(HttpResponse<?> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
  }

  // ---- open loop ---------------------------------------------------------------------------------------------

  /** Requests sent on schedule whatever the answers do; latency counts from when each was due. */
  private LatencyRecorder.Result openLoop(String name, double rate, int seconds, IntFunction<HttpRequest> next)
      throws InterruptedException {
    int total = (int) (rate * seconds);
    long[] nanos = new long[total];
    AtomicInteger failures = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      http.sendAsync(next.apply(i), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        long now = System.nanoTime();
        nanos[index] = now - due;
        lastDone.accumulateAndGet(now, Math::max);
        if ((error != null || response.statusCode() != 200) && failures.incrementAndGet() <= 3) {
          System.err.println("[bench] " + name + " failure: " + (error != null ? error : "HTTP "
              + response.statusCode()));
        }
        done.countDown();
      });
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException(name + ": answers still missing after 5 minutes");
    }
    double elapsed = (lastDone.get() - start) / 1e9;
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    LatencyRecorder.Result result = new LatencyRecorder.Result(name, total, 0, elapsed,
        percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6, failures.get());
    System.out.println("[bench] " + result.row());
    return result;
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  // ---- database ----------------------------------------------------------------------------------------------

  private String outboundSid(long n) {
    return "SMout" + runId + "x" + n;
  }

  /** Outbound messages of the default SMS account as if Twilio had taken them, for the status callbacks. */
  private void seedOutbound(HikariDataSource ds, long count) throws Exception {
    try (Connection c = ds.getConnection(); PreparedStatement insert = c.prepareStatement("""
        INSERT INTO message (id, tenant_id, channel, direction, account_id, provider_message_id, state, attempts,
          created_at, updated_at)
        VALUES (?, 'default', 'SMS', 'OUTBOUND', 'default-sms', ?, 'QUEUED', 1, ?, ?)
        """)) {
      c.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.now());
      for (long i = 0; i < count; i++) {
        insert.setString(1, java.util.UUID.randomUUID().toString());
        insert.setString(2, outboundSid(i));
        insert.setTimestamp(3, now);
        insert.setTimestamp(4, now);
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      c.commit();
    }
  }

  record InboundToCase(int sent, int processed, double p50, double p99, double max) {
  }

  /**
   * Waits (up to 10 minutes) for the measured run's inbound messages to be taken into their cases: from the stored
   * message ({@code created_at}) to the case started from it ({@code correlated_at}).
   */
  private InboundToCase inboundToCase(HikariDataSource ds, long first, long last, Instant from) throws Exception {
    int sent = (int) (last - first);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    List<Long> millis = new ArrayList<>();
    while (true) {
      millis.clear();
      try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement("""
          SELECT created_at, correlated_at FROM message
          WHERE direction = 'INBOUND' AND provider_message_id LIKE ? AND created_at >= ?
          """)) {
        q.setString(1, "SMin" + runId + "x%");
        q.setTimestamp(2, Timestamp.from(from));
        int pending = 0;
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            if (rs.getTimestamp(2) != null) {
              millis.add(rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime());
            } else {
              pending++;
            }
          }
        }
        if (pending == 0 && !millis.isEmpty() || System.nanoTime() > deadline) {
          break;
        }
      }
      Thread.sleep(1000);
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new InboundToCase(sent, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new InboundToCase(sent, sorted.length, pct(sorted, 0.5), pct(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static void awaitInboundDrained(HikariDataSource ds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement(
          "SELECT COUNT(*) FROM message WHERE direction = 'INBOUND' AND correlated_at IS NULL");
          ResultSet rs = q.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
      Thread.sleep(1000);
    }
    System.err.println("[bench] warm-up messages still unprocessed after 10 minutes");
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
  }


  private static String hmacSha1(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
