package org.switchboard.caseapi.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.Pseudonymizer;

/**
 * {@link RateCounters} in table {@code rate_counter} (V23), shared by every node on the database. Each hit or take
 * is one statement that counts and answers at once (PostgreSQL {@code INSERT ... ON CONFLICT DO UPDATE ...
 * RETURNING}, H2 {@code MERGE} read through {@code FINAL TABLE}), so concurrent hits are never lost (a refused
 * take reads once more, to tell the client its wait). Keys are stored as keyed hashes ({@link Pseudonymizer}
 * under a namespace of their own), never in clear; nothing here logs them. Times are epoch microseconds ({@link Micros}); a row whose {@code expires_us} has passed means the same
 * as no row, and a scheduled purge deletes such rows.
 *
 * <p>Statements run on a connection of their own in auto-commit, outside any transaction of the caller: a count
 * must survive the rollback of the request that was refused.
 */
@Component
public class JdbcRateCounters implements RateCounters {

  /**
   * The {@link Pseudonymizer} "tenant" whose key hashes counter keys. Not a possible tenant id (no colon in
   * {@link org.switchboard.caseapi.identity.IdentityEnginePlugin#ID_PATTERN}), so no tenant's pseudonyms can be
   * matched against counter rows.
   */
  static final String KEY_NAMESPACE = "switchboard:rate-counters";

  private static final String CURRENT =
      "SELECT hits, expires_us FROM rate_counter WHERE kind = ? AND key_hash = ? AND expires_us > ?";
  private static final String CLEAR = "DELETE FROM rate_counter WHERE kind = ? AND key_hash = ?";
  private static final String NOTICE = "UPDATE rate_counter SET noticed = TRUE"
      + " WHERE kind = ? AND key_hash = ? AND expires_us > ? AND noticed = FALSE";
  private static final String PURGE = "DELETE FROM rate_counter WHERE expires_us <= ?";

  /** The two statements that count, per database. */
  private enum Dialect {
    POSTGRESQL("""
        INSERT INTO rate_counter AS c (kind, key_hash, hits, noticed, expires_us) VALUES (?, ?, 1, FALSE, ?)
        ON CONFLICT (kind, key_hash) DO UPDATE SET
          hits = CASE WHEN c.expires_us <= ? THEN 1 ELSE c.hits + 1 END,
          noticed = c.noticed AND c.expires_us > ?,
          expires_us = CASE WHEN c.expires_us <= ? THEN EXCLUDED.expires_us ELSE c.expires_us END
        RETURNING hits, expires_us
        """, """
        INSERT INTO rate_counter AS c (kind, key_hash, hits, noticed, expires_us) VALUES (?, ?, 0, FALSE, ?)
        ON CONFLICT (kind, key_hash) DO UPDATE SET expires_us = GREATEST(c.expires_us, ?) + ?
        WHERE GREATEST(c.expires_us, ?) + ? <= ?
        RETURNING expires_us
        """) {
      @Override
      Object[] hitParams(String kind, String hash, long now, long end) {
        return new Object[] {kind, hash, end, now, now, now};
      }

      @Override
      Object[] takeParams(String kind, String hash, long now, long interval, long max) {
        return new Object[] {kind, hash, now + interval, now, interval, now, interval, max};
      }
    },
    H2("""
        SELECT hits, expires_us FROM FINAL TABLE (
          MERGE INTO rate_counter c
          USING (VALUES (CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), CAST(? AS BIGINT)))
            AS s (kind, key_hash, now_us, end_us)
          ON c.kind = s.kind AND c.key_hash = s.key_hash
          WHEN MATCHED THEN UPDATE SET
            hits = CASE WHEN c.expires_us <= s.now_us THEN 1 ELSE c.hits + 1 END,
            noticed = c.noticed AND c.expires_us > s.now_us,
            expires_us = CASE WHEN c.expires_us <= s.now_us THEN s.end_us ELSE c.expires_us END
          WHEN NOT MATCHED THEN INSERT (kind, key_hash, hits, noticed, expires_us)
            VALUES (s.kind, s.key_hash, 1, FALSE, s.end_us))
        """, """
        SELECT expires_us FROM FINAL TABLE (
          MERGE INTO rate_counter c
          USING (VALUES (CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), CAST(? AS BIGINT),
            CAST(? AS BIGINT))) AS s (kind, key_hash, now_us, interval_us, max_us)
          ON c.kind = s.kind AND c.key_hash = s.key_hash
          WHEN MATCHED AND GREATEST(c.expires_us, s.now_us) + s.interval_us <= s.max_us THEN UPDATE SET
            expires_us = GREATEST(c.expires_us, s.now_us) + s.interval_us
          WHEN NOT MATCHED THEN INSERT (kind, key_hash, hits, noticed, expires_us)
            VALUES (s.kind, s.key_hash, 0, FALSE, s.now_us + s.interval_us))
        """) {
      @Override
      Object[] hitParams(String kind, String hash, long now, long end) {
        return new Object[] {kind, hash, now, end};
      }

      @Override
      Object[] takeParams(String kind, String hash, long now, long interval, long max) {
        return new Object[] {kind, hash, now, interval, max};
      }
    };

    /** Counts one hit in the key's window (opening a new one when it closed); returns hits and window end. */
    final String hit;
    /** Moves the bucket's full-again instant one interval on while within tolerance; returns a row if taken. */
    final String take;

    Dialect(String hit, String take) {
      this.hit = hit;
      this.take = take;
    }

    abstract Object[] hitParams(String kind, String hash, long now, long end);

    abstract Object[] takeParams(String kind, String hash, long now, long interval, long max);
  }

  private final DataSource dataSource;
  private final UnaryOperator<String> keyHash;
  private final Clock clock;
  private final SQLExceptionTranslator translator;
  private volatile Dialect dialect;

  @Autowired
  public JdbcRateCounters(DataSource dataSource, Pseudonymizer pseudonymizer, Clock clock) {
    this(dataSource, value -> pseudonymizer.token(KEY_NAMESPACE, value), clock);
  }

  /** @param keyHash a keyed one-way hash of at most 64 characters (tests without the key setup pass their own) */
  public JdbcRateCounters(DataSource dataSource, UnaryOperator<String> keyHash, Clock clock) {
    this.dataSource = dataSource;
    this.keyHash = keyHash;
    this.clock = clock;
    this.translator = new SQLStateSQLExceptionTranslator();
  }

  @Override
  public Window hit(String kind, String key, Duration window) {
    long now = Micros.now(clock);
    long end = now + Micros.of(window);
    return run("hit", connection -> {
      Dialect d = dialect(connection);
      try (PreparedStatement statement = prepare(connection, d.hit, d.hitParams(kind, hash(kind, key), now, end));
          ResultSet rs = statement.executeQuery()) {
        rs.next();
        return new Window(rs.getLong("hits"), Micros.instant(rs.getLong("expires_us")));
      }
    });
  }

  @Override
  public Optional<Window> current(String kind, String key) {
    long now = Micros.now(clock);
    return run("read", connection -> {
      try (PreparedStatement statement = prepare(connection, CURRENT, kind, hash(kind, key), now);
          ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(new Window(rs.getLong("hits"), Micros.instant(rs.getLong("expires_us"))))
            : Optional.empty();
      }
    });
  }

  @Override
  public void clear(String kind, String key) {
    run("clear", connection -> {
      try (PreparedStatement statement = prepare(connection, CLEAR, kind, hash(kind, key))) {
        return statement.executeUpdate();
      }
    });
  }

  @Override
  public boolean firstNotice(String kind, String key) {
    long now = Micros.now(clock);
    return run("notice", connection -> {
      try (PreparedStatement statement = prepare(connection, NOTICE, kind, hash(kind, key), now)) {
        return statement.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<Duration> take(String kind, String key, long capacity, Duration period) {
    long now = Micros.now(clock);
    Micros.Bucket bucket = Micros.bucket(capacity, period);
    long interval = bucket.intervalUs();
    long max = now + bucket.toleranceUs();
    String hash = hash(kind, key);
    boolean taken = run("take", connection -> {
      Dialect d = dialect(connection);
      try (PreparedStatement statement = prepare(connection, d.take, d.takeParams(kind, hash, now, interval, max));
          ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    });
    if (taken) {
      return Optional.empty();
    }
    // Refused: nothing was written; read when the bucket is full again to tell the client its wait.
    long full = run("read", connection -> {
      try (PreparedStatement statement = prepare(connection, CURRENT, kind, hash, now);
          ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong("expires_us") : now;
      }
    });
    return Optional.of(bucket.wait(full, now));
  }

  /** Deletes windows that have closed and buckets that are full again: either means the same as no row. */
  @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = TimeUnit.MINUTES)
  public int purgeExpired() {
    long now = Micros.now(clock);
    return run("purge", connection -> {
      try (PreparedStatement statement = prepare(connection, PURGE, now)) {
        return statement.executeUpdate();
      }
    });
  }

  private String hash(String kind, String key) {
    return keyHash.apply(kind + '\u0000' + key);
  }

  private Dialect dialect(Connection connection) throws SQLException {
    Dialect d = dialect;
    if (d == null) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        d = Dialect.POSTGRESQL;
      } else if (product.contains("h2")) {
        d = Dialect.H2;
      } else {
        throw new DataAccessResourceFailureException("Rate counters support PostgreSQL and H2, not " + product);
      }
      dialect = d;
    }
    return d;
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  /**
   * Runs on a connection of its own. H2's MERGE inserts when it sees no row, so two first hits of one key at the
   * same moment collide on the primary key: the loser runs again and then finds the row.
   */
  private <T> T run(String task, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        if (!connection.getAutoCommit()) {
          connection.setAutoCommit(true);
        }
        return work.on(connection);
      } catch (SQLException e) {
        if (attempt < 3 && "23505".equals(e.getSQLState())) {
          continue;
        }
        throw translator.translate("rate counter " + task, null, e);
      }
    }
  }
}
