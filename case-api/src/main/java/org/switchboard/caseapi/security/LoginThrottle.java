package org.switchboard.caseapi.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Failed logins per user name and source address, counted in shared {@link RateCounters} (the database in the
 * application), so every node of a cluster counts against one budget and a restart forgets nothing. A pair's
 * window opens at its first failure and lasts {@code window}; after {@code maxFailures} failures in it, attempts
 * are refused until it closes. Only failures and the first success after failures write.
 */
class LoginThrottle {

  static final String KIND = "login-failures";

  /** What the counters hold for a pair at one moment. */
  record State(long failures, Optional<Duration> blockedFor) {
  }

  private final RateCounters counters;
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;

  LoginThrottle(RateCounters counters, Clock clock, int maxFailures, Duration window) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("switchboard.security.login: max-failures >= 1 and a positive window");
    }
    this.counters = counters;
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Failures of this user name from this address in the open window, and the wait when they may not try. */
  State state(String userId, String source) {
    return counters.current(KIND, key(userId, source))
        .map(w -> new State(w.hits(), w.hits() >= maxFailures ? Optional.of(w.remaining(clock.instant()))
            : Optional.<Duration>empty()))
        .orElse(new State(0, Optional.empty()));
  }

  /** How long this user name must wait from this address, or empty when they may try. */
  Optional<Duration> blockedFor(String userId, String source) {
    return state(userId, source).blockedFor();
  }

  /** True once per window of a blocked pair, on whichever node asks first. */
  boolean firstRefusal(String userId, String source) {
    return counters.firstNotice(KIND, key(userId, source));
  }

  void failed(String userId, String source) {
    counters.hit(KIND, key(userId, source), window);
  }

  /** A correct password forgives earlier typos. */
  void succeeded(String userId, String source) {
    counters.clear(KIND, key(userId, source));
  }

  private static String key(String userId, String source) {
    return userId + '\u0000' + source;
  }
}
