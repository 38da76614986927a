package org.switchboard.workers.runtime;

import java.time.Duration;

/**
 * One worker per capability topic. Workers are thin adapters: read ids from the job, call one use case or
 * provider, return an {@link Outcome}. They never throw for business outcomes; an unexpected exception is
 * treated by the runner as a retryable technical failure.
 */
public interface TopicWorker {

  String topic();

  Outcome work(Job job);

  /** How long a fetched job stays locked to this worker; must exceed the slowest provider call. */
  default Duration lockDuration() {
    return Duration.ofMinutes(1);
  }
}
