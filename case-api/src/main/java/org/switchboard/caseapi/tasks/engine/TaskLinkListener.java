package org.switchboard.caseapi.tasks.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.tasks.FormRef;
import org.switchboard.caseapi.tasks.TaskLinkRecorder;
import org.switchboard.caseapi.tasks.TaskSnapshot;

/** Thin adapter: turns an engine task event into a {@link TaskSnapshot} for {@link TaskLinkRecorder}. */
@Component
public class TaskLinkListener implements TaskListener {

  // Lazy: this listener is wired into the engine configuration, before most beans exist.
  private final ObjectProvider<TaskLinkRecorder> recorder;

  public TaskLinkListener(ObjectProvider<TaskLinkRecorder> recorder) {
    this.recorder = recorder;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getExecution() == null) {
      return; // a standalone task belongs to no case
    }
    String event = task.getEventName();
    switch (event) {
      case EVENTNAME_CREATE -> recorder.getObject().created(snapshot(task, true));
      case EVENTNAME_ASSIGNMENT, EVENTNAME_UPDATE -> recorder.getObject().changed(snapshot(task, false));
      case EVENTNAME_COMPLETE -> recorder.getObject().completed(snapshot(task, false));
      case EVENTNAME_DELETE -> recorder.getObject().cancelled(snapshot(task, false));
      default -> { }
    }
  }

  /** The form binding never changes while a task is open, so it is resolved once, at creation. */
  private static TaskSnapshot snapshot(DelegateTask task, boolean withForm) {
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    String formKey = null;
    FormRef formRef = null;
    if (withForm && task instanceof TaskEntity entity) {
      entity.initializeFormKey();
      formKey = entity.getFormKey();
      CamundaFormRef ref = entity.getCamundaFormRef();
      if (ref != null) {
        formRef = new FormRef(ref.getKey(), ref.getBinding(), ref.getVersion());
      }
    }
    return new TaskSnapshot(task.getId(), businessKey(task.getExecution()), task.getProcessInstanceId(),
        task.getTaskDefinitionKey(), task.getName(), task.getAssignee(), groups, instant(task.getDueDate()),
        instant(task.getFollowUpDate()), formKey, formRef, actor(task));
  }

  /** A called sub-process has no business key of its own unless passed on; its case is that of its caller. */
  private static String businessKey(DelegateExecution execution) {
    DelegateExecution current = execution;
    while (current != null) {
      String key = current.getProcessBusinessKey();
      if (key != null) {
        return key;
      }
      current = current.getProcessInstance().getSuperExecution();
    }
    return null;
  }

  /** Tasklist and /engine-rest authenticate with the engine; /api/v1 with Spring Security. */
  private static String actor(DelegateTask task) {
    Authentication engineUser = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (engineUser != null && engineUser.getUserId() != null) {
      return engineUser.getUserId();
    }
    return CurrentUser.get().userId();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
