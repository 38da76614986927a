package org.switchboard.caseapi.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.formdata.FormSchemaValidator;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/** Working on a user task through the API: claim, release, complete with form data. */
@Component
public class TaskWork {

  private final CaseTasks tasks;
  private final TaskAccess access;
  private final FormSchemaValidator forms;
  private final TaskLinkRepository links;
  private final ObjectMapper mapper;

  public TaskWork(CaseTasks tasks, TaskAccess access, FormSchemaValidator forms, TaskLinkRepository links,
      ObjectMapper mapper) {
    this.tasks = tasks;
    this.access = access;
    this.forms = forms;
    this.links = links;
    this.mapper = mapper;
  }

  /** Claiming one's own task again is a no-op; a task someone else holds is a conflict. */
  @Transactional
  public TaskView claim(String taskId) {
    CurrentUser user = CurrentUser.get();
    WorkItem task = access.require(user, taskId);
    TaskAccess.requireMayWork(user, task);
    if (user.userId().equals(task.assignee())) {
      return view(task);
    }
    if (task.assignee() != null) {
      throw claimedByOther(task);
    }
    tasks.claim(taskId, user.userId());
    return reload(taskId);
  }

  /** Assignees release their own tasks; supervisors and administrators anyone's. */
  @Transactional
  public TaskView unclaim(String taskId) {
    CurrentUser user = CurrentUser.get();
    WorkItem task = access.require(user, taskId);
    TaskAccess.requireMayWork(user, task);
    if (task.assignee() == null) {
      return view(task);
    }
    if (!user.userId().equals(task.assignee()) && !TaskAccess.supervises(user, task)) {
      throw ApiException.forbidden("Only the assignee or a supervisor may release task " + taskId);
    }
    tasks.unclaim(taskId);
    return reload(taskId);
  }

  /**
   * Completes the task with values for its form. Values are checked against the task's Camunda Form first
   * (unknown keys, required fields, types, options); on any error nothing is written and the task stays open.
   * Only the form's fields become process variables; fields left out take the form's default value.
   */
  @Transactional
  public void complete(String taskId, Map<String, Object> variables) {
    CurrentUser user = CurrentUser.get();
    WorkItem task = access.require(user, taskId);
    TaskAccess.requireMayWork(user, task);
    if (task.assignee() != null && !user.userId().equals(task.assignee())) {
      throw claimedByOther(task);
    }
    Optional<String> form = tasks.form(task);
    List<FieldError> errors = validate(form, variables);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    tasks.complete(taskId, user.userId(), form.map(f -> withDefaults(f, variables)).orElse(variables));
  }

  private List<FieldError> validate(Optional<String> form, Map<String, Object> variables) {
    if (form.isPresent()) {
      return forms.validate(form.get(), variables, "variables.", false);
    }
    // Without a Camunda Form there is no contract for values, so none are accepted.
    List<FieldError> errors = new ArrayList<>();
    variables.keySet().forEach(key -> errors.add(new FieldError("variables." + key, "this task has no form fields")));
    return errors;
  }

  /**
   * Fields left out take the form's default value, as they would when submitted from Tasklist: the process
   * may rely on them (a decision table reading an unticked checkbox as false).
   */
  private Map<String, Object> withDefaults(String form, Map<String, Object> variables) {
    Map<String, Object> values = new LinkedHashMap<>(variables);
    forms.fields(form).forEach((key, field) -> {
      JsonNode defaultValue = field.get("defaultValue");
      if (!values.containsKey(key) && defaultValue != null && !defaultValue.isNull()) {
        values.put(key, mapper.convertValue(defaultValue, Object.class));
      }
    });
    return values;
  }

  private TaskView reload(String taskId) {
    return view(tasks.find(taskId).orElseThrow(() -> ApiException.notFound("Task", taskId)));
  }

  private TaskView view(WorkItem task) {
    return TaskView.open(task, links.find(task.id()).map(TaskLink::caseId).orElse(null));
  }

  private static ApiException claimedByOther(WorkItem task) {
    return ApiException.conflict("Task " + task.id() + " is claimed by " + task.assignee());
  }
}
