package org.switchboard.caseapi.tasks.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.tasks.CaseTasks;
import org.switchboard.caseapi.tasks.FormRef;
import org.switchboard.caseapi.tasks.TaskSearch;
import org.switchboard.caseapi.tasks.WorkItem;
import org.switchboard.caseapi.web.ApiException;

/** Camunda adapter of {@link CaseTasks}. */
@Component
public class CamundaCaseTasks implements CaseTasks {

  private final TaskService taskService;
  private final FormService formService;
  private final ObjectMapper mapper;

  public CamundaCaseTasks(TaskService taskService, FormService formService, ObjectMapper mapper) {
    this.taskService = taskService;
    this.formService = formService;
    this.mapper = mapper;
  }

  @Override
  public Optional<WorkItem> find(String taskId) {
    Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    return Optional.ofNullable(task).map(this::toWorkItem);
  }

  @Override
  public List<WorkItem> findAll(Collection<String> taskIds) {
    if (taskIds.isEmpty()) {
      return List.of();
    }
    return taskService.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).initializeFormKeys().list()
        .stream().map(this::toWorkItem).toList();
  }

  @Override
  public Page<WorkItem> search(TaskSearch search) {
    if (search.tenantIds() != null && search.tenantIds().isEmpty()) {
      return new Page<>(List.of(), search.page(), search.size(), 0);
    }
    TaskQuery query = query(search);
    long total = query.count();
    List<WorkItem> items = query.initializeFormKeys().orderByTaskCreateTime().asc().orderByTaskId().asc()
        .listPage(search.page() * search.size(), search.size())
        .stream().map(this::toWorkItem).toList();
    return new Page<>(items, search.page(), search.size(), total);
  }

  @Override
  public List<WorkItem> searchAll(TaskSearch search) {
    if (search.tenantIds() != null && search.tenantIds().isEmpty()) {
      return List.of();
    }
    return query(search).initializeFormKeys().orderByTaskCreateTime().asc().orderByTaskId().asc().list()
        .stream().map(this::toWorkItem).toList();
  }

  private TaskQuery query(TaskSearch search) {
    TaskQuery query = taskService.createTaskQuery();
    if (search.tenantIds() != null) {
      query.tenantIdIn(search.tenantIds().toArray(String[]::new));
    }
    if (search.assigned() && search.candidate()) {
      query.or().taskAssignee(search.userId()).taskCandidateUser(search.userId()).endOr();
    } else if (search.assigned()) {
      query.taskAssignee(search.userId());
    } else {
      // Candidate queries match unassigned tasks only: a claimed task is no longer up for grabs.
      query.taskCandidateUser(search.userId());
    }
    return query;
  }

  @Override
  public Optional<String> form(WorkItem task) {
    if (!task.hasCamundaForm()) {
      return Optional.empty();
    }
    try (InputStream form = formService.getDeployedTaskForm(task.id())) {
      return Optional.of(new String(form.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ProcessEngineException e) {
      return Optional.empty(); // the form the task names is not deployed: there is nothing to show or check
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the form of task " + task.id(), e);
    }
  }

  @Override
  public Map<String, Object> values(String taskId, Collection<String> names) {
    VariableMap variables = taskService.getVariablesTyped(taskId, names, true);
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : variables.keySet()) {
      TypedValue value = variables.getValueTyped(name);
      if (value instanceof JsonValue json) {
        values.put(name, readJson(json.getValueSerialized()));
      } else if (value.getValue() instanceof Date date) {
        values.put(name, date.toInstant());
      } else if (!(value instanceof SerializableValue)) {
        // Serialized Java objects are opaque to forms; only plain values and JSON are shown.
        values.put(name, value.getValue());
      }
    }
    return values;
  }

  @Override
  public void claim(String taskId, String userId) {
    try {
      taskService.claim(taskId, userId);
    } catch (TaskAlreadyClaimedException e) {
      throw ApiException.conflict("Task " + taskId + " is already claimed by " + e.getTaskAssignee());
    } catch (SuspendedEntityInteractionException e) {
      throw suspended(taskId);
    }
  }

  @Override
  public void unclaim(String taskId) {
    try {
      taskService.setAssignee(taskId, null);
    } catch (SuspendedEntityInteractionException e) {
      throw suspended(taskId);
    }
  }

  @Override
  @Transactional
  public void complete(String taskId, String userId, Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    if (task != null && task.getAssignee() == null) {
      claim(taskId, userId);
    }
    VariableMap typed = Variables.createVariables();
    variables.forEach((name, value) -> typed.putValueTyped(name, typed(value)));
    try {
      taskService.complete(taskId, typed);
    } catch (SuspendedEntityInteractionException e) {
      throw suspended(taskId);
    }
  }

  /** An operator suspended the case's process (e.g. in Cockpit); the task waits until it is resumed. */
  private static ApiException suspended(String taskId) {
    return ApiException.conflict("Task " + taskId + " is suspended");
  }

  /** Form values arrive as JSON; lists and objects (checklists, tag lists) are stored as JSON, like Tasklist does. */
  private TypedValue typed(Object value) {
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      try {
        return SpinValues.jsonValue(mapper.writeValueAsString(value)).create();
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return Variables.untypedValue(value);
  }

  private Object readJson(String json) {
    try {
      return json == null ? null : mapper.readTree(json);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private WorkItem toWorkItem(Task task) {
    List<String> groups = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        if (link.getGroupId() != null) {
          groups.add(link.getGroupId());
        } else if (link.getUserId() != null) {
          users.add(link.getUserId());
        }
      }
    }
    CamundaFormRef ref = task.getCamundaFormRef();
    return new WorkItem(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
        task.getTenantId(), task.getAssignee(), groups, users, instant(task.getCreateTime()),
        instant(task.getDueDate()), instant(task.getFollowUpDate()), task.getFormKey(),
        ref == null ? null : new FormRef(ref.getKey(), ref.getBinding(), ref.getVersion()));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
