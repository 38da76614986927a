package org.switchboard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database on the machine's server (scripts/start-test-services.sh starts it and
 * creates the role), dropped at the end, so every run starts from the same empty state.
 */
final class BenchDatabase implements AutoCloseable {

  static final String SERVER = env("BENCH_PG_URL", "jdbc:postgresql://localhost:5432/postgres");
  static final String USER = env("BENCH_PG_USER", "switchboard");
  static final String PASSWORD = env("BENCH_PG_PASSWORD", "switchboard");

  final String name;
  final String url;

  BenchDatabase(String prefix) throws SQLException {
    name = prefix + "_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
  }

  HikariDataSource dataSource(int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(poolSize);
    return new HikariDataSource(config);
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
