package org.switchboard.caseapi.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;

/**
 * Real PostgreSQL for tests: the machine's server when reachable (.ci/run starts it and creates the
 * {@code switchboard} role), otherwise an embedded PostgreSQL. Each test JVM gets a fresh database so
 * runs never see each other's data.
 */
public final class PostgresTestDatabase {

  private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$");
  private static final String HOST_URL = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://localhost:5432/postgres");
  private static final String USER = env("SWITCHBOARD_TEST_PG_USER", "switchboard");
  private static final String PASSWORD = env("SWITCHBOARD_TEST_PG_PASSWORD", "switchboard");

  private static Connection info;
  private static String url;
  private static String user;
  private static String password;
  private static String kind;

  private PostgresTestDatabase() {
  }

  public static synchronized String url() {
    start();
    return url;
  }

  public static synchronized String user() {
    start();
    return user;
  }

  public static synchronized String password() {
    start();
    return password;
  }

  /**
   * Another database on the same server, for a test that needs its own Spring context (its own engine and
   * outbox must not meet the shared context's). Dropped after the contexts have closed.
   *
   * @return its JDBC URL; user and password are {@link #user()} and {@link #password()}
   */
  public static synchronized String createExtra(String prefix) {
    Matcher shared = JDBC_URL.matcher(url());
    if (!shared.matches()) {
      throw new IllegalStateException("Unexpected test database URL " + url());
    }
    String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url(), "CREATE DATABASE " + database);
    // Spring's shutdown handlers run after the contexts have closed; a JVM shutdown hook would race the
    // engine's shutdown, which then waits for connections to a database that is gone.
    SpringApplication.getShutdownHandlers().add(() -> {
      try {
        execute(url, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      } catch (IllegalStateException ignored) {
        // best effort: a leftover test database is harmless
      }
    });
    return shared.group(1) + database + shared.group(3);
  }

  private static void execute(String jdbcUrl, String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** "local server" or "embedded", for test output. */
  public static synchronized String kind() {
    start();
    return kind;
  }

  private static void start() {
    if (url != null) {
      return;
    }
    // The creation time in the name lets later runs tell leftovers from databases of runs still going.
    String database = "sbtest_" + (System.currentTimeMillis() / 1000) + "_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (Connection admin = DriverManager.getConnection(HOST_URL, USER, PASSWORD);
        Statement st = admin.createStatement()) {
      dropLeftovers(st);
      st.execute("CREATE DATABASE " + database);
      url = HOST_URL.substring(0, HOST_URL.lastIndexOf('/') + 1) + database;
      user = USER;
      password = PASSWORD;
      kind = "local server";
      // After the Spring contexts have closed: a JVM shutdown hook races the engine's shutdown, which then
      // waits 30 s for a connection to the dropped database. Leftovers of killed runs go at the next start.
      SpringApplication.getShutdownHandlers().add(() -> dropQuietly(database));
    } catch (SQLException unreachable) {
      startEmbedded();
    }
    System.out.println("[tests] PostgreSQL: " + kind + " at " + url);
  }

  private static void startEmbedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException ignored) {
          // JVM is exiting anyway
        }
      }));
      url = pg.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      password = "postgres";
      kind = "embedded";
    } catch (IOException e) {
      throw new IllegalStateException("Neither a local PostgreSQL nor the embedded one could be started", e);
    }
  }

  /**
   * Drops databases that earlier, killed runs left behind: only those named more than six hours ago, so
   * a run that is still going (another developer's, or a JVM that has not connected yet) keeps its own.
   */
  private static void dropLeftovers(Statement st) throws SQLException {
    long cutoff = System.currentTimeMillis() / 1000 - 6 * 3600;
    List<String> leftovers = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sbtest\\_%'")) {
      while (rs.next()) {
        String name = rs.getString(1);
        String[] parts = name.split("_");
        if (parts.length == 3 && parts[1].matches("\\d+") && Long.parseLong(parts[1]) < cutoff) {
          leftovers.add(name);
        }
      }
    }
    for (String leftover : leftovers) {
      try {
        st.execute("DROP DATABASE IF EXISTS " + leftover);
      } catch (SQLException inUse) {
        // still connected: not a leftover after all
      }
    }
  }

  private static void dropQuietly(String database) {
    try (Connection admin = DriverManager.getConnection(HOST_URL, USER, PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // best effort: leftovers are dropped at the next start
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
