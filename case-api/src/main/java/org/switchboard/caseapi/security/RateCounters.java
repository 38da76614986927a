package org.switchboard.caseapi.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counters behind the login throttle, the API rate limits and the webhook abuse guard. {@link JdbcRateCounters}
 * keeps them in the database, so every node of a cluster counts against one budget and a restart forgets
 * nothing; {@link MemoryRateCounters} keeps them in one node's memory. Each operation is atomic: hits from
 * several threads or nodes are never lost. A counter is named by a {@code kind} (a constant of the caller) and a
 * {@code key}, which may be personal data (a user name, an address): stores must not keep or log it in clear.
 * Time is the store's {@link java.time.Clock}.
 */
public interface RateCounters {

  /**
   * A counting window of one key.
   *
   * @param hits hits counted in this window
   * @param end when the window closes and the count starts again from zero
   */
  record Window(long hits, Instant end) {

    /** The wait until {@link #end()}, seen from {@code now}. */
    public Duration remaining(Instant now) {
      return Duration.between(now, end);
    }
  }

  /**
   * Counts one hit. A key's window opens at its first hit and lasts {@code window}; the first hit after it
   * closed opens the next one (so a burst across a boundary of the clock cannot double the budget).
   *
   * @return the window after this hit
   */
  Window hit(String kind, String key, Duration window);

  /** The key's open window, or empty when it has none (never hit, cleared, or the window closed). */
  Optional<Window> current(String kind, String key);

  /** Forgets the key's window. */
  void clear(String kind, String key);

  /**
   * True for exactly one caller per open window of the key (cluster-wide with a shared store), so that
   * something (an audit event) happens once per window however many requests or nodes see the condition;
   * false when the key has no open window.
   */
  boolean firstNotice(String kind, String key);

  /**
   * Takes one token from the key's bucket of {@code capacity} tokens, refilled continuously at
   * {@code capacity} per {@code period} (a full bucket is the most a client can burst; a client keeping to the
   * rate is never refused). A refusal takes nothing.
   *
   * @return empty when the token was taken, otherwise how long until one is available
   */
  Optional<Duration> take(String kind, String key, long capacity, Duration period);
}
