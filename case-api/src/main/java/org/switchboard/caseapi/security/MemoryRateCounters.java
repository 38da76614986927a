package org.switchboard.caseapi.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link RateCounters} in this node's memory: no database round trip, but each node counts on its own (a
 * cluster of n nodes allows n times the budget) and a restart forgets everything. Same rules as
 * {@link JdbcRateCounters}; used for the API rate limits when {@code switchboard.security.rate-limit.store} is
 * {@code memory}.
 */
public class MemoryRateCounters implements RateCounters {

  /** Callers choose keys freely (user names, addresses): beyond this many, expired entries are dropped. */
  private static final int PURGE_ABOVE = 100_000;

  private record State(long hits, boolean noticed, long expiresUs) {
  }

  private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();
  private final Clock clock;

  public MemoryRateCounters(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Window hit(String kind, String key, Duration window) {
    long now = Micros.now(clock);
    purgeIfLarge(now);
    State state = states.compute(id(kind, key), (k, s) -> s == null || s.expiresUs() <= now
        ? new State(1, false, now + Micros.of(window)) : new State(s.hits() + 1, s.noticed(), s.expiresUs()));
    return new Window(state.hits(), Micros.instant(state.expiresUs()));
  }

  @Override
  public Optional<Window> current(String kind, String key) {
    long now = Micros.now(clock);
    State state = states.get(id(kind, key));
    return state == null || state.expiresUs() <= now ? Optional.empty()
        : Optional.of(new Window(state.hits(), Micros.instant(state.expiresUs())));
  }

  @Override
  public void clear(String kind, String key) {
    states.remove(id(kind, key));
  }

  @Override
  public boolean firstNotice(String kind, String key) {
    long now = Micros.now(clock);
    AtomicBoolean first = new AtomicBoolean();
    states.computeIfPresent(id(kind, key), (k, s) -> {
      if (s.noticed() || s.expiresUs() <= now) {
        return s;
      }
      first.set(true);
      return new State(s.hits(), true, s.expiresUs());
    });
    return first.get();
  }

  @Override
  public Optional<Duration> take(String kind, String key, long capacity, Duration period) {
    long now = Micros.now(clock);
    purgeIfLarge(now);
    Micros.Bucket bucket = Micros.bucket(capacity, period);
    AtomicReference<Duration> wait = new AtomicReference<>();
    states.compute(id(kind, key), (k, s) -> {
      long full = s == null ? now : Math.max(s.expiresUs(), now);
      if (full + bucket.intervalUs() > now + bucket.toleranceUs()) {
        wait.set(bucket.wait(full, now));
        return s;
      }
      return new State(0, false, full + bucket.intervalUs());
    });
    return Optional.ofNullable(wait.get());
  }

  private void purgeIfLarge(long now) {
    if (states.size() > PURGE_ABOVE) {
      states.values().removeIf(s -> s.expiresUs() <= now);
    }
  }

  private static String id(String kind, String key) {
    return kind + '\u0000' + key;
  }
}
