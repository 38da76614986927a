package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default (H2) runs the same counting rules: V23 and the MERGE statements work there, and many
 * threads of two "nodes" lose no hit. The key hash here is a test HMAC (the application uses the Pseudonymizer).
 */
class JdbcRateCountersH2Test extends RateCountersContract {

  private static final UnaryOperator<String> TEST_HMAC = value -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("h2-test-rate-counter-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  };

  private final JdbcDataSource dataSource = new JdbcDataSource();

  JdbcRateCountersH2Test() {
    dataSource.setURL("jdbc:h2:mem:rates-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
        .table("switchboard_schema_history").load().migrate();
  }

  @Override
  JdbcRateCounters store() {
    return new JdbcRateCounters(dataSource, TEST_HMAC, clock);
  }

  @Test
  void keysAreStoredHashedAndClosedWindowsArePurged() {
    JdbcRateCounters counters = store();
    counters.hit("t-window", "ann\u0000192.0.2.7", Duration.ofMinutes(1));
    counters.hit("t-window", "bob\u0000192.0.2.8", Duration.ofMinutes(5));
    JdbcClient jdbc = JdbcClient.create(dataSource);

    assertThat(jdbc.sql("SELECT key_hash FROM rate_counter").query(String.class).list())
        .hasSize(2).noneMatch(hash -> hash.contains("ann") || hash.contains("192.0.2"));

    clock.step(Duration.ofMinutes(2));
    assertThat(counters.purgeExpired()).isEqualTo(1);
    assertThat(counters.current("t-window", "bob\u0000192.0.2.8")).get()
        .extracting(RateCounters.Window::hits).isEqualTo(1L);
  }
}
