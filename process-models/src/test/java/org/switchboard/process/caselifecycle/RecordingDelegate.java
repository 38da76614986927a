package org.switchboard.process.caselifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Stands in for a delegate bean and remembers where it was called and which variables it saw then. A snapshot is
 * taken because the execution passed in moves on (and local variables such as {@code breachedSla} disappear).
 */
final class RecordingDelegate implements JavaDelegate {

  record Call(String activityId, Map<String, Object> variables) {
  }

  private final List<Call> calls = new ArrayList<>();

  @Override
  public void execute(DelegateExecution execution) {
    calls.add(new Call(execution.getCurrentActivityId(), new HashMap<>(execution.getVariables())));
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  Call onlyCall() {
    if (calls.size() != 1) {
      throw new AssertionError("expected exactly one call, got " + calls);
    }
    return calls.get(0);
  }
}
