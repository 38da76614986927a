package org.switchboard.workers.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;

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

  /** Extension property of a service task overriding the retries (element templates set it). */
  public static final String RETRIES_PROPERTY = "switchboard.retries";
  /** Extension property overriding the backoff: comma-separated durations, {@code 10s} or {@code PT10S}. */
  public static final String BACKOFF_PROPERTY = "switchboard.backoff";

  /**
   * This policy with a task's own retries and backoff from its extension properties; a value that does not parse
   * is ignored (and logged), so a typo in a model never stops its sends.
   */
  public RetryPolicy withOverrides(Map<String, String> extensionProperties) {
    if (extensionProperties == null || extensionProperties.isEmpty()) {
      return this;
    }
    int ownRetries = retries;
    List<Duration> ownBackoff = backoff;
    try {
      String value = extensionProperties.get(RETRIES_PROPERTY);
      if (value != null && !value.isBlank()) {
        ownRetries = Math.max(0, Integer.parseInt(value.strip()));
      }
      value = extensionProperties.get(BACKOFF_PROPERTY);
      if (value != null && !value.isBlank()) {
        ownBackoff = Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
            .map(DurationStyle::detectAndParse).toList();
      }
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(RetryPolicy.class).warn("Ignoring unreadable {} / {} on a service task: {}",
          RETRIES_PROPERTY, BACKOFF_PROPERTY, e.getClass().getSimpleName());
      return this;
    }
    return ownBackoff.isEmpty() ? new RetryPolicy(ownRetries, backoff) : new RetryPolicy(ownRetries, ownBackoff);
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
