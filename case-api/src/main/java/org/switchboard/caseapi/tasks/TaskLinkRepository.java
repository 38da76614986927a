package org.switchboard.caseapi.tasks;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.integer;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TaskLinkRepository {

  private final JdbcClient jdbc;

  public TaskLinkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String caseId, String tenantId, TaskSnapshot task, Instant createdAt) {
    jdbc.sql("""
        INSERT INTO task_link (task_id, case_id, tenant_id, process_instance_id, task_definition_key, created_at,
          task_name, assignee, candidate_groups, due_at, follow_up_at, form_key, form_ref, form_ref_binding,
          form_ref_version)
        VALUES (:taskId, :caseId, :tenantId, :processInstanceId, :taskDefinitionKey, :createdAt,
          :name, :assignee, :candidateGroups, :due, :followUp, :formKey, :formRef, :formRefBinding, :formRefVersion)
        """)
        .param("taskId", task.taskId())
        .param("caseId", caseId)
        .param("tenantId", tenantId)
        .param("processInstanceId", task.processInstanceId())
        .param("taskDefinitionKey", task.taskDefinitionKey())
        .param("createdAt", ts(createdAt))
        .param("name", task.name())
        .param("assignee", task.assignee())
        .param("candidateGroups", joinGroups(task.candidateGroups()))
        .param("due", ts(task.due()))
        .param("followUp", ts(task.followUp()))
        .param("formKey", task.formKey())
        .param("formRef", task.formRef() == null ? null : task.formRef().key())
        .param("formRefBinding", task.formRef() == null ? null : task.formRef().binding())
        .param("formRefVersion", task.formRef() == null ? null : task.formRef().version())
        .update();
  }

  /** Takes over what may change while a task is open: name, assignee, candidates, dates. */
  public void refresh(TaskSnapshot task) {
    jdbc.sql("""
        UPDATE task_link SET task_name = :name, assignee = :assignee, candidate_groups = :candidateGroups,
          due_at = :due, follow_up_at = :followUp
        WHERE task_id = :taskId AND ended_at IS NULL
        """)
        .param("taskId", task.taskId())
        .param("name", task.name())
        .param("assignee", task.assignee())
        .param("candidateGroups", joinGroups(task.candidateGroups()))
        .param("due", ts(task.due()))
        .param("followUp", ts(task.followUp()))
        .update();
  }

  /** @return false when the task had already ended (the engine reports some ends twice) */
  public boolean end(TaskSnapshot task, TaskState state, Instant at, String by) {
    refresh(task);
    return jdbc.sql("""
        UPDATE task_link SET ended_at = :at, end_state = :state, ended_by = :by
        WHERE task_id = :taskId AND ended_at IS NULL
        """)
        .param("taskId", task.taskId())
        .param("at", ts(at))
        .param("state", state.name())
        .param("by", by)
        .update() == 1;
  }

  public Optional<TaskLink> find(String taskId) {
    return jdbc.sql("SELECT * FROM task_link WHERE task_id = :taskId").param("taskId", taskId)
        .query(TaskLinkRepository::map).optional();
  }

  public List<TaskLink> findByCase(String caseId) {
    return jdbc.sql("SELECT * FROM task_link WHERE case_id = :caseId ORDER BY created_at, task_id")
        .param("caseId", caseId)
        .query(TaskLinkRepository::map)
        .list();
  }

  public List<TaskLink> findAll(Collection<String> taskIds) {
    if (taskIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT * FROM task_link WHERE task_id IN (:taskIds)")
        .param("taskIds", new ArrayList<>(taskIds))
        .query(TaskLinkRepository::map)
        .list();
  }

  private static TaskLink map(ResultSet rs, int row) throws SQLException {
    String endState = rs.getString("end_state");
    String formRef = rs.getString("form_ref");
    return new TaskLink(
        rs.getString("task_id"), rs.getString("case_id"), rs.getString("tenant_id"),
        rs.getString("process_instance_id"), rs.getString("task_definition_key"), rs.getString("task_name"),
        rs.getString("assignee"), splitGroups(rs.getString("candidate_groups")), instant(rs, "created_at"),
        instant(rs, "due_at"), instant(rs, "follow_up_at"), rs.getString("form_key"),
        formRef == null ? null
            : new FormRef(formRef, rs.getString("form_ref_binding"), integer(rs, "form_ref_version")),
        instant(rs, "ended_at"), endState == null ? TaskState.OPEN : TaskState.valueOf(endState),
        rs.getString("ended_by"));
  }

  private static String joinGroups(List<String> groups) {
    return groups.isEmpty() ? null : String.join(",", groups);
  }

  private static List<String> splitGroups(String groups) {
    return groups == null || groups.isBlank() ? List.of() : Arrays.asList(groups.split(","));
  }
}
