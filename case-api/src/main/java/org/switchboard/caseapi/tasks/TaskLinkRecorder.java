package org.switchboard.caseapi.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;

/**
 * Mirrors the life of every user task of a case into {@code task_link}, with a domain event per step and a
 * case-history entry for what people do (claim, release, complete); creation and cancellation are the
 * process's doing and already show in its history. Called by the engine inside the transaction that changes
 * the task, so mirror, history and events commit or roll back together with the engine's own state.
 * Tasks of process instances whose business key is not a case are ignored.
 */
@Component
public class TaskLinkRecorder {

  /** Change types in the case history. */
  public static final String TASK_ASSIGNED = "TASK_ASSIGNED";
  public static final String TASK_COMPLETED = "TASK_COMPLETED";

  private final TaskLinkRepository links;
  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public TaskLinkRecorder(TaskLinkRepository links, CaseRepository cases, CaseChangeLog changeLog, Outbox outbox,
      Clock clock) {
    this.links = links;
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void created(TaskSnapshot task) {
    if (task.businessKey() == null || links.find(task.taskId()).isPresent()) {
      return;
    }
    Optional<CaseRecord> found = cases.findById(task.businessKey());
    if (found.isEmpty()) {
      return;
    }
    CaseRecord c = found.get();
    Instant now = clock.instant();
    links.insert(c.id(), c.tenantId(), task, now);
    Map<String, Object> payload = payload(task);
    if (!task.candidateGroups().isEmpty()) {
      payload.put("candidateGroups", task.candidateGroups());
    }
    outbox.append(DomainEvent.ofCase(EventTypes.TASK_CREATED, c.tenantId(), c.id(), now, payload));
  }

  /** Assignee, candidates, name or dates changed; only a new assignee is worth a history entry. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void changed(TaskSnapshot task) {
    Optional<TaskLink> found = links.find(task.taskId()).filter(TaskLink::open);
    if (found.isEmpty()) {
      return;
    }
    TaskLink before = found.get();
    links.refresh(task);
    if (Objects.equals(before.assignee(), task.assignee())) {
      return;
    }
    Instant now = clock.instant();
    cases.findById(before.caseId()).ifPresent(c -> changeLog.record(c, TASK_ASSIGNED, now, task.actor(),
        List.of(new FieldChange("task.assignee", before.assignee(), task.assignee())), describe(task)));
    outbox.append(DomainEvent.ofCase(EventTypes.TASK_ASSIGNED, before.tenantId(), before.caseId(), now,
        payload(task)));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void completed(TaskSnapshot task) {
    ended(task, TaskState.COMPLETED, EventTypes.TASK_COMPLETED);
  }

  /** The task went away without being worked on: boundary event, instance cancelled, case closed... */
  @Transactional(propagation = Propagation.MANDATORY)
  public void cancelled(TaskSnapshot task) {
    ended(task, TaskState.CANCELLED, EventTypes.TASK_CANCELLED);
  }

  private void ended(TaskSnapshot task, TaskState state, String eventType) {
    Optional<TaskLink> found = links.find(task.taskId()).filter(TaskLink::open);
    if (found.isEmpty()) {
      return;
    }
    TaskLink link = found.get();
    Instant now = clock.instant();
    if (!links.end(task, state, now, task.actor())) {
      return;
    }
    if (state == TaskState.COMPLETED) {
      cases.findById(link.caseId())
          .ifPresent(c -> changeLog.record(c, TASK_COMPLETED, now, task.actor(), List.of(), describe(task)));
    }
    Map<String, Object> payload = payload(task);
    payload.put("endedBy", task.actor());
    outbox.append(DomainEvent.ofCase(eventType, link.tenantId(), link.caseId(), now, payload));
  }

  /** Ids and facts only; DomainEvent refuses null values, so absent facts are left out. */
  private static Map<String, Object> payload(TaskSnapshot task) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("taskId", task.taskId());
    payload.put("taskDefinitionKey", task.taskDefinitionKey());
    payload.put("processInstanceId", task.processInstanceId());
    if (task.assignee() != null) {
      payload.put("assignee", task.assignee());
    }
    return payload;
  }

  private static String describe(TaskSnapshot task) {
    return task.taskDefinitionKey() + " " + task.taskId();
  }
}
