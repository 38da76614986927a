package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/** Typed reads of the case process's variables, for the delegates. */
public final class ProcessFacts {

  private ProcessFacts() {
  }

  static String caseId(DelegateExecution execution) {
    String caseId = string(execution, Variables.CASE_ID);
    return caseId != null ? caseId : execution.getProcessBusinessKey();
  }

  static String string(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }

  static Integer integer(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    if (value instanceof Number number) {
      return number.intValue();
    }
    if (value instanceof String text && !text.isBlank()) {
      return Integer.valueOf(text.trim());
    }
    return null;
  }

  static <E extends Enum<E>> E enumValue(DelegateExecution execution, String name, Class<E> type) {
    String value = string(execution, name);
    return value == null ? null : Enum.valueOf(type, value);
  }

  /**
   * Who caused the step: the API caller when an API request drives the engine, the Tasklist or
   * engine-REST user when they do, otherwise the system (timers, jobs).
   */
  public static String actor(DelegateExecution execution) {
    CurrentUser user = CurrentUser.get();
    if (!user.isSystem()) {
      return user.userId();
    }
    Authentication engineUser = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return engineUser != null && engineUser.getUserId() != null ? engineUser.getUserId() : CurrentUser.SYSTEM_USER;
  }
}
