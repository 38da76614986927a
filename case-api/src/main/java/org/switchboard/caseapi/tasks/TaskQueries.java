package org.switchboard.caseapi.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.formdata.FormSchemaValidator;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;

/** Read side of user tasks: a case's tasks, a user's work list, a task's form. */
@Component
public class TaskQueries {

  private final CaseTasks tasks;
  private final TaskLinkRepository links;
  private final CaseAccess caseAccess;
  private final TaskAccess taskAccess;
  private final FormSchemaValidator forms;
  private final ObjectMapper mapper;
  private final AuditRecorder audit;

  public TaskQueries(CaseTasks tasks, TaskLinkRepository links, CaseAccess caseAccess, TaskAccess taskAccess,
      FormSchemaValidator forms, ObjectMapper mapper, AuditRecorder audit) {
    this.audit = audit;
    this.tasks = tasks;
    this.links = links;
    this.caseAccess = caseAccess;
    this.taskAccess = taskAccess;
    this.forms = forms;
    this.mapper = mapper;
  }

  /** Open and ended tasks of a case the caller may see, oldest first. */
  public List<TaskView> ofCase(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "tasks");
    List<TaskLink> caseLinks = links.findByCase(caseId);
    List<String> openIds = caseLinks.stream().filter(TaskLink::open).map(TaskLink::taskId).toList();
    Map<String, WorkItem> live = tasks.findAll(openIds).stream()
        .collect(Collectors.toMap(WorkItem::id, Function.identity()));
    List<TaskView> views = new ArrayList<>();
    for (TaskLink link : caseLinks) {
      WorkItem open = live.get(link.taskId());
      views.add(open != null ? TaskView.open(open, caseId) : TaskView.of(link));
    }
    return views;
  }

  /**
   * The caller's work list in their tenants (every tenant for administrators), without tasks of cases they
   * may not see. Visibility lives in the case tables, not the engine, so the list is filtered and paged
   * here; a person's open tasks are few enough for that.
   */
  public Page<TaskView> mine(boolean assigned, boolean candidate, int page, int size) {
    CurrentUser user = CurrentUser.get();
    TaskSearch search = new TaskSearch(user.userId(), assigned, candidate, user.isAdmin() ? null : user.tenantIds(),
        page, size);
    List<WorkItem> found = tasks.searchAll(search);
    Map<String, String> caseIds = links.findAll(found.stream().map(WorkItem::id).toList()).stream()
        .collect(Collectors.toMap(TaskLink::taskId, TaskLink::caseId));
    Set<String> visibleCases = caseAccess.visibleAmong(user, caseIds.values());
    List<WorkItem> visible = found.stream()
        .filter(t -> !caseIds.containsKey(t.id()) || visibleCases.contains(caseIds.get(t.id())))
        .toList();
    List<TaskView> items = visible.stream()
        .skip((long) page * size).limit(size)
        .map(t -> TaskView.open(t, caseIds.get(t.id()))).toList();
    return new Page<>(items, page, size, visible.size());
  }

  /** The task's Camunda Form and the current values of its fields. */
  public TaskForm form(String taskId) {
    WorkItem task = taskAccess.require(CurrentUser.get(), taskId);
    String schema = tasks.form(task).orElseThrow(() -> ApiException.notFound("Form of task", taskId));
    Map<String, Object> values = tasks.values(taskId, forms.fields(schema).keySet());
    // The form shows the case's current facts: a read of the case like any other.
    links.find(taskId).ifPresent(link -> audit.success(AuditActions.CASE_VIEWED, task.tenantId(), "case",
        link.caseId(), Map.of("view", "task-form", "taskId", taskId)));
    return new TaskForm(taskId, task.formKey(), task.formRef(), parse(schema), values);
  }

  private JsonNode parse(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The deployed form is not JSON", e);
    }
  }

  /** A form-js schema with the values its fields currently have. */
  public record TaskForm(String taskId, String formKey, FormRef formRef, JsonNode schema, Map<String, Object> values) {
  }
}
