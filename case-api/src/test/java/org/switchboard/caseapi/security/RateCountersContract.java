package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.support.SteppedClock;

/**
 * The rules every {@link RateCounters} store keeps, run against each of them (memory, H2, PostgreSQL). Keys are
 * random, so stores shared with other tests are not disturbed; time is a {@link SteppedClock}.
 */
abstract class RateCountersContract {

  static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * A day ahead of the wall clock, so a store's scheduled purge (on the wall clock) in a shared database never
   * takes these rows; microseconds included, as the stores keep them.
   */
  final SteppedClock clock = new SteppedClock(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
      .plusNanos(123_456_000));
  final String key = "key-" + UUID.randomUUID();

  /** A store over {@link #clock}; two calls give two "nodes" over the same storage. */
  abstract RateCounters store();

  @Test
  void aWindowOpensAtItsFirstHitCountsAndClosesAfterItsLength() {
    RateCounters counters = store();
    assertThat(counters.current("t-window", key)).isEmpty();

    assertThat(counters.hit("t-window", key, WINDOW).hits()).isEqualTo(1);
    clock.step(Duration.ofSeconds(20));
    RateCounters.Window second = counters.hit("t-window", key, WINDOW);

    assertThat(second.hits()).isEqualTo(2);
    assertThat(second.end()).isEqualTo(clock.instant().plusSeconds(40));
    assertThat(counters.current("t-window", key)).contains(second);
    assertThat(second.remaining(clock.instant())).isEqualTo(Duration.ofSeconds(40));
    assertThat(counters.current("t-other-kind", key)).as("kinds are separate").isEmpty();

    clock.step(Duration.ofSeconds(40));
    assertThat(counters.current("t-window", key)).as("closed at its end").isEmpty();
    RateCounters.Window next = counters.hit("t-window", key, WINDOW);
    assertThat(next.hits()).isEqualTo(1);
    assertThat(next.end()).isEqualTo(clock.instant().plus(WINDOW));
  }

  @Test
  void clearForgetsTheWindow() {
    RateCounters counters = store();
    counters.hit("t-window", key, WINDOW);
    counters.hit("t-window", key, WINDOW);

    counters.clear("t-window", key);

    assertThat(counters.current("t-window", key)).isEmpty();
    assertThat(counters.hit("t-window", key, WINDOW).hits()).isEqualTo(1);
  }

  @Test
  void theFirstNoticeIsTakenOncePerWindowAcrossNodes() {
    RateCounters a = store();
    RateCounters b = store();
    assertThat(a.firstNotice("t-window", key)).as("no window, nothing to notice").isFalse();
    a.hit("t-window", key, WINDOW);

    assertThat(a.firstNotice("t-window", key)).isTrue();
    assertThat(a.firstNotice("t-window", key)).isFalse();
    b.hit("t-window", key, WINDOW);
    assertThat(b.firstNotice("t-window", key)).as("same window, other node").isFalse();

    clock.step(WINDOW);
    b.hit("t-window", key, WINDOW);
    assertThat(a.firstNotice("t-window", key)).as("next window").isTrue();
  }

  @Test
  void aBucketAllowsItsCapacityAtOnceThenRefillsContinuously() {
    RateCounters counters = store();
    for (int i = 0; i < 3; i++) {
      assertThat(counters.take("t-bucket", key, 3, WINDOW)).as("take %d", i).isEmpty();
    }

    Optional<Duration> refused = counters.take("t-bucket", key, 3, WINDOW);
    assertThat(refused).as("one token every 20 s").contains(Duration.ofSeconds(20));
    clock.step(Duration.ofSeconds(5));
    assertThat(counters.take("t-bucket", key, 3, WINDOW)).as("a refusal takes nothing")
        .contains(Duration.ofSeconds(15));

    clock.step(Duration.ofSeconds(15));
    assertThat(counters.take("t-bucket", key, 3, WINDOW)).isEmpty();
    assertThat(counters.take("t-bucket", key, 3, WINDOW)).isPresent();
    clock.step(Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertThat(counters.take("t-bucket", key, 3, WINDOW)).as("full again: take %d", i).isEmpty();
    }
    assertThat(counters.take("t-bucket", key, 3, WINDOW)).as("never more than full").isPresent();
  }

  @Test
  void aClientKeepingToTheRateIsNeverRefused() {
    RateCounters counters = store();
    for (int i = 0; i < 50; i++) {
      assertThat(counters.take("t-bucket", key, 6, WINDOW)).as("request %d", i).isEmpty();
      clock.step(Duration.ofSeconds(10));
    }
  }

  @Test
  void concurrentHitsAndTakesFromSeveralNodesAndThreadsCountExactly() throws Exception {
    List<RateCounters> nodes = List.of(store(), store());
    int threads = 6;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        RateCounters node = nodes.get(t % 2);
        Callable<Integer> work = () -> {
          start.await();
          int taken = 0;
          for (int i = 0; i < perThread; i++) {
            node.hit("t-window", key, WINDOW);
            taken += node.take("t-bucket", key, 100, WINDOW).isEmpty() ? 1 : 0;
          }
          return taken;
        };
        results.add(pool.submit(work));
      }
      start.countDown();
      int taken = 0;
      for (Future<Integer> result : results) {
        taken += result.get(2, TimeUnit.MINUTES);
      }

      assertThat(nodes.get(0).current("t-window", key).orElseThrow().hits()).isEqualTo(threads * perThread);
      assertThat(taken).as("the clock stands still: exactly the capacity").isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }
}
