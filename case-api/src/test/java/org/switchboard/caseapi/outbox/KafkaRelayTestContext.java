package org.switchboard.caseapi.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.switchboard.caseapi.support.PostgresTestDatabase;

/**
 * The one extra Spring context of the test suite: the whole application with
 * {@code switchboard.kafka.bootstrap-servers} pointing at an embedded KRaft broker.
 *
 * <p>It gets a PostgreSQL database of its own on the same server. The shared {@code @SwitchboardTest}
 * context stays alive in the same JVM and its relay (in-process mode) marks every unpublished row as
 * delivered; on a shared database it would take this context's events before they reach Kafka.
 */
public class KafkaRelayTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String TOPIC = "switchboard.case-events";
  public static final int PARTITIONS = 3;

  private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$");

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String url = createDatabase();
    // Started here rather than with @EmbeddedKafka: that registers the broker as a bean started during
    // refresh, after configuration conditions have looked at the bootstrap servers.
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
    broker.afterPropertiesSet();
    DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
    beans.registerSingleton("embeddedKafkaBroker", broker);
    // Registered first, destroyed last: the application's producer closes while the broker still runs.
    beans.registerDisposableBean("embeddedKafkaBroker", broker);
    TestPropertyValues.of(
        "spring.datasource.url=" + url,
        "spring.datasource.username=" + PostgresTestDatabase.user(),
        "spring.datasource.password=" + PostgresTestDatabase.password(),
        "switchboard.kafka.bootstrap-servers=" + broker.getBrokersAsString()
    ).applyTo(context.getEnvironment());
  }

  private static String createDatabase() {
    Matcher shared = JDBC_URL.matcher(PostgresTestDatabase.url());
    if (!shared.matches()) {
      throw new IllegalStateException("Unexpected test database URL " + PostgresTestDatabase.url());
    }
    String database = "sbkafka_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String user = PostgresTestDatabase.user();
    String password = PostgresTestDatabase.password();
    execute(PostgresTestDatabase.url(), user, password, "CREATE DATABASE " + database);
    // Spring's shutdown handlers run after the contexts have closed; a JVM shutdown hook would race the
    // engine's shutdown, which then waits for connections to a database that is gone.
    SpringApplication.getShutdownHandlers().add(() -> {
      try {
        execute(PostgresTestDatabase.url(), user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      } catch (IllegalStateException ignored) {
        // best effort: a leftover test database is harmless
      }
    });
    return shared.group(1) + database + shared.group(3);
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
