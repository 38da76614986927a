package org.switchboard.caseapi.outbox;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
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
    return PostgresTestDatabase.createExtra("sbkafka");
  }
}
