package org.switchboard.workers.runtime;

import java.time.Duration;
import java.util.Map;

/** Remembers what a runner reported for one job. */
public class RecordingReport implements JobReport {

  public String kind;
  public Map<String, Object> variables;
  public String code;
  public String message;
  public String details;
  public Integer retries;
  public Duration retryTimeout;

  @Override
  public void complete(Map<String, Object> variables) {
    this.kind = "complete";
    this.variables = variables;
  }

  @Override
  public void bpmnError(String code, String message, Map<String, Object> variables) {
    this.kind = "bpmnError";
    this.code = code;
    this.message = message;
    this.variables = variables;
  }

  @Override
  public void failure(String message, String details, int retries, Duration retryTimeout) {
    this.kind = "failure";
    this.message = message;
    this.details = details;
    this.retries = retries;
    this.retryTimeout = retryTimeout;
  }
}
