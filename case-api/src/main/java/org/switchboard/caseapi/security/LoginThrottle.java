package org.switchboard.caseapi.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Failed logins per user name and source address, in this node's memory (a cluster of n nodes lets an
 * attacker try n times as often; the key still stops guessing at any useful rate). Each key has a bucket of
 * {@code maxFailures} tokens refilled all at once after {@code window}; a failure takes a token and an empty
 * bucket refuses further attempts until the refill.
 */
class LoginThrottle {

  /** Attackers choose user names freely: beyond this many keys, keys without recent failures are dropped. */
  private static final int PURGE_ABOVE = 100_000;

  private final ConcurrentMap<String, Bucket> failures = new ConcurrentHashMap<>();
  private final int maxFailures;
  private final Duration window;

  LoginThrottle(int maxFailures, Duration window) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("switchboard.security.login: max-failures >= 1 and a positive window");
    }
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long this user name must wait from this address, or empty when they may try. */
  Optional<Duration> blockedFor(String userId, String source) {
    Bucket bucket = failures.get(key(userId, source));
    if (bucket == null) {
      return Optional.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  void failed(String userId, String source) {
    if (failures.size() > PURGE_ABOVE) {
      failures.values().removeIf(bucket -> bucket.getAvailableTokens() >= maxFailures);
    }
    failures.computeIfAbsent(key(userId, source), k -> Bucket.builder()
        .addLimit(limit -> limit.capacity(maxFailures).refillIntervally(maxFailures, window))
        .build()).tryConsume(1);
  }

  /** A correct password forgives earlier typos. */
  void succeeded(String userId, String source) {
    failures.remove(key(userId, source));
  }

  private static String key(String userId, String source) {
    return userId + '\u0000' + source;
  }
}
