package org.switchboard.caseapi.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.StringUtils;
import org.switchboard.caseapi.config.SwitchboardProperties;

/**
 * Chooses how outbox events leave the process. With {@code switchboard.kafka.bootstrap-servers} set,
 * an idempotent Kafka producer (acks=all) publishes them; without it there is no Kafka bean that could
 * connect (Boot's auto-configured Kafka beans stay unused and connect lazily, i.e. never).
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

  static final String BOOTSTRAP_SERVERS = "switchboard.kafka.bootstrap-servers";

  @Bean
  @Conditional(KafkaConfigured.class)
  ProducerFactory<String, String> outboxProducerFactory(SwitchboardProperties properties,
      ObjectProvider<KafkaProperties> springKafka, ObjectProvider<SslBundles> sslBundles) {
    KafkaProperties boot = springKafka.getIfAvailable();
    Map<String, Object> base = boot == null ? Map.of() : boot.buildProducerProperties(sslBundles.getIfAvailable());
    DefaultKafkaProducerFactory<String, String> factory =
        new DefaultKafkaProducerFactory<>(producerConfig(properties.kafka(), base));
    factory.setPhysicalCloseTimeout((int) Math.max(1, properties.kafka().sendTimeout().toSeconds()));
    return factory;
  }

  @Bean
  @Conditional(KafkaConfigured.class)
  KafkaTemplate<String, String> outboxKafkaTemplate(ProducerFactory<String, String> outboxProducerFactory) {
    return template(outboxProducerFactory);
  }

  @Bean
  @Conditional(KafkaConfigured.class)
  OutboxPublisher kafkaOutboxPublisher(KafkaTemplate<String, String> outboxKafkaTemplate,
      SwitchboardProperties properties, ObjectMapper mapper) {
    return new KafkaOutboxPublisher(outboxKafkaTemplate, properties.kafka().topic(), mapper);
  }

  @Bean
  @Conditional(KafkaNotConfigured.class)
  OutboxPublisher inProcessOutboxPublisher() {
    return new InProcessOutboxPublisher();
  }

  /**
   * Producer settings: Boot's {@code spring.kafka.*} client settings (security, SSL) as a base, then what
   * the relay's guarantees rest on. Idempotence keeps broker-side retries from duplicating or reordering
   * records within a partition; the timeouts bound how long one relay round can wait for the broker.
   */
  public static Map<String, Object> producerConfig(SwitchboardProperties.Kafka kafka, Map<String, Object> base) {
    Duration sendTimeout = kafka.sendTimeout();
    long requestTimeout = Math.max(1000, sendTimeout.toMillis() / 2);
    Map<String, Object> config = new HashMap<>(base);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(requestTimeout, sendTimeout.toMillis()));
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-outbox-relay");
    return config;
  }

  /**
   * A template without spring-kafka's logging listener, which logs every failed record at ERROR with
   * its value: the relay records failures on the row and logs once when delivery starts failing.
   */
  public static KafkaTemplate<String, String> template(ProducerFactory<String, String> producerFactory) {
    KafkaTemplate<String, String> template = new KafkaTemplate<>(producerFactory);
    template.setProducerListener(new ProducerListener<>() {
    });
    return template;
  }

  static final class KafkaConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty(BOOTSTRAP_SERVERS));
    }
  }

  static final class KafkaNotConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !StringUtils.hasText(context.getEnvironment().getProperty(BOOTSTRAP_SERVERS));
    }
  }
}
