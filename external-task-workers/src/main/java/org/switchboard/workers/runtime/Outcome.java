package org.switchboard.workers.runtime;

import java.util.Map;

/** What a worker made of a job. Runners turn it into complete, handleBpmnError or handleFailure. */
public sealed interface Outcome {

  /** Done; {@code variables} (ids and routing facts only) are set on the process instance. */
  record Completed(Map<String, Object> variables) implements Outcome {
    public Completed {
      // Process variables may be null, which Map.copyOf refuses.
      variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
    }
  }

  /**
   * A business outcome the process models with an error boundary event (e.g. {@code UNSAFE_TO_CONTACT}).
   * {@code message} is a short fact for Cockpit, never personal data.
   */
  record BusinessError(String code, String message, Map<String, Object> variables) implements Outcome {
    public BusinessError {
      // Process variables may be null, which Map.copyOf refuses.
      variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
    }
  }

  /**
   * A technical failure. Retryable ones are retried with backoff until the retries run out and Cockpit shows an
   * incident; non-retryable ones raise the incident at once. {@code details} may hold a stack trace, never PII.
   */
  record Failure(String message, String details, boolean retryable) implements Outcome {
  }

  static Outcome completed() {
    return new Completed(Map.of());
  }

  static Outcome completed(Map<String, Object> variables) {
    return new Completed(variables);
  }

  static Outcome businessError(String code, String message) {
    return new BusinessError(code, message, Map.of());
  }

  static Outcome retry(String message, Throwable cause) {
    return new Failure(message, cause == null ? null : cause.toString(), true);
  }

  static Outcome incident(String message, Throwable cause) {
    return new Failure(message, cause == null ? null : cause.toString(), false);
  }
}
