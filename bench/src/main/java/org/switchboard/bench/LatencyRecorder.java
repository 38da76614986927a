package org.switchboard.bench;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

/** Runs an operation N times on C threads and reports throughput and latency percentiles. */
final class LatencyRecorder {

  @FunctionalInterface
  interface Operation {
    void run(int index) throws Exception;
  }

  record Result(String name, int operations, int concurrency, double seconds, double p50Millis, double p99Millis,
      double maxMillis, int failures) {

    double perSecond() {
      return operations / seconds;
    }

    String row() {
      return String.format("| %-46s | %6d | %3d | %9.1f | %8.2f | %8.2f | %8.2f | %4d |",
          name, operations, concurrency, perSecond(), p50Millis, p99Millis, maxMillis, failures);
    }

    static String header() {
      return "| run                                            | ops    | thr | ops/s     | p50 ms   | p99 ms   | max ms   | fail |\n"
          + "|------------------------------------------------|--------|-----|-----------|----------|----------|----------|------|";
    }
  }

  private LatencyRecorder() {
  }

  static Result measure(String name, int operations, int concurrency, Operation operation) throws Exception {
    long[] nanos = new long[operations];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      workers.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < operations) {
          long begin = System.nanoTime();
          try {
            operation.run(i);
          } catch (Exception e) {
            if (failures.incrementAndGet() <= 3) {
              System.err.println("[bench] " + name + " failure: " + e);
            }
          }
          nanos[i] = System.nanoTime() - begin;
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Result(name, operations, concurrency, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6, failures.get());
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
