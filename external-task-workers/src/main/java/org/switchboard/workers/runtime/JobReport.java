package org.switchboard.workers.runtime;

import java.time.Duration;
import java.util.Map;

/** How a runner reports one job's outcome to the engine (Java API in-process, REST in the remote process). */
public interface JobReport {

  void complete(Map<String, Object> variables);

  void bpmnError(String code, String message, Map<String, Object> variables);

  /** {@code retries} 0 raises an incident; otherwise the task is fetchable again after {@code retryTimeout}. */
  void failure(String message, String details, int retries, Duration retryTimeout);
}
