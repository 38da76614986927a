package org.switchboard.workers.runtime;

import java.time.Duration;
import java.util.List;

/**
 * Retries and backoff of retryable failures. The engine keeps the count: an external task fetched for the first
 * time has no retries value; after a failure it holds the retries left, and at 0 Cockpit shows an incident.
 *
 * @param retries retries after the first attempt
 * @param backoff wait before the first, second, ... retry; the last entry repeats
 */
public record RetryPolicy(int retries, List<Duration> backoff) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(5, List.of(Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30)));

  public RetryPolicy {
    if (retries < 0 || backoff == null || backoff.isEmpty()) {
      throw new IllegalArgumentException("retries must be >= 0 and backoff must have at least one entry");
    }
    backoff = List.copyOf(backoff);
  }

  /** 1 for the first attempt, counting up with each retry. */
  public int attempt(Integer retriesLeft) {
    return retriesLeft == null ? 1 : Math.max(1, retries - retriesLeft + 2);
  }

  /** The retries value to report with a retryable failure: 0 raises the incident. */
  public int retriesAfterFailure(Integer retriesLeft) {
    return retriesLeft == null ? retries : Math.max(0, retriesLeft - 1);
  }

  /** How long the task stays locked before the retry that {@code retriesAfter} leaves. */
  public Duration backoffBefore(int retriesAfter) {
    int index = Math.min(Math.max(0, retries - retriesAfter), backoff.size() - 1);
    return backoff.get(index);
  }
}
