package org.switchboard.workers.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * One locked external task as a worker sees it, whoever fetched it (the in-process runner on the engine's
 * Java API or the remote runner over {@code /engine-rest}).
 *
 * @param id external task id
 * @param businessKey the case id for case processes
 * @param variables the task's process variables (ids and routing facts only)
 * @param attempt 1 for the first try, counting up with each retry
 */
public record Job(String id, String topic, String processInstanceId, String businessKey, String tenantId,
    Map<String, Object> variables, int attempt) {

  public Job {
    // Process variables may be null, which Map.copyOf refuses.
    variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
  }

  public Optional<String> string(String name) {
    Object value = variables.get(name);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  /** A variable the worker cannot do without; its absence is a modeling error, reported as a technical failure. */
  public String requireString(String name) {
    return string(name).orElseThrow(() -> new IllegalStateException(
        "external task " + id + " on topic " + topic + " has no variable '" + name + "'"));
  }
}
