package org.switchboard.caseapi.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;

/** Request bodies and database look-ups the case tests share. */
final class CaseTestSupport {

  private CaseTestSupport() {
  }

  /** A create body; {@code intake} may be null (the case then waits for intake). */
  static Map<String, Object> newCase(String caseType, String title, Map<String, Object> intake) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", caseType);
    body.put("title", title);
    if (intake != null) {
      body.put("intake", intake);
    }
    return body;
  }

  static Map<String, Object> intake(String category, boolean immediateDanger) {
    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("category", category);
    intake.put("immediateDanger", immediateDanger);
    return intake;
  }

  /** Creates a triaged general enquiry (general team, normal priority) and returns it. */
  static JsonNode createTriaged(ApiClient api, String title) {
    return create(api, newCase("general-enquiry", title, intake("general", false)));
  }

  static JsonNode create(ApiClient api, Map<String, Object> body) {
    ApiClient.Response response = api.post("/api/v1/cases", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  static List<String> fieldsAtFault(ApiClient.Response response) {
    List<String> fields = new ArrayList<>();
    response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  static List<String> changeTypes(JdbcClient jdbc, String caseId) {
    return jdbc.sql("SELECT change_type FROM case_change WHERE case_id = :id ORDER BY changed_at, id")
        .param("id", caseId).query(String.class).list();
  }

  static List<String> eventTypes(JdbcClient jdbc, String caseId) {
    return jdbc.sql("SELECT event_type FROM outbox_event WHERE aggregate_id = :id ORDER BY occurred_at, event_type")
        .param("id", caseId).query(String.class).list();
  }

  static List<Task> openTasks(TaskService taskService, JsonNode c) {
    return taskService.createTaskQuery().processInstanceId(c.path("processInstanceId").asText()).list();
  }

  static Task openTask(TaskService taskService, JsonNode c, String taskDefinitionKey) {
    return taskService.createTaskQuery().processInstanceId(c.path("processInstanceId").asText())
        .taskDefinitionKey(taskDefinitionKey).singleResult();
  }

  static List<String> candidateGroups(TaskService taskService, Task task) {
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }
}
