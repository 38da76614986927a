package org.switchboard.caseapi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.switchboard.caseapi.cases.CaseTestSupport.candidateGroups;
import static org.switchboard.caseapi.cases.CaseTestSupport.changeTypes;
import static org.switchboard.caseapi.cases.CaseTestSupport.create;
import static org.switchboard.caseapi.cases.CaseTestSupport.eventTypes;
import static org.switchboard.caseapi.cases.CaseTestSupport.fieldsAtFault;
import static org.switchboard.caseapi.cases.CaseTestSupport.intake;
import static org.switchboard.caseapi.cases.CaseTestSupport.newCase;
import static org.switchboard.caseapi.cases.CaseTestSupport.openTasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.caselifecycle.CaseLifecycle.Elements;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

@SwitchboardTest
class CaseCreationTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  IdentityService identityService;

  @Test
  void immediateDangerIsTriagedCriticalAndRoutedToTheCrisisTeamBeforeTheResponse() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    Map<String, Object> body = newCase("general-enquiry", "Caller reports danger at home", intake("general", true));
    body.put("channel", "phone");

    ApiClient.Response response = agent.post("/api/v1/cases", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode c = response.json();
    String id = c.path("id").asText();
    assertThat(response.header("Location")).endsWith("/api/v1/cases/" + id);
    assertThat(response.header("ETag")).isEqualTo("\"" + c.path("version").asLong() + "\"");
    assertThat(c.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(c.path("sector").asText()).isEqualTo("generic");
    assertThat(c.path("channel").asText()).isEqualTo("phone");
    assertThat(c.path("status").asText()).isEqualTo("OPEN");
    assertThat(c.path("riskLevel").asText()).isEqualTo("CRITICAL");
    assertThat(c.path("riskScore").asInt()).isEqualTo(90);
    assertThat(c.path("team").asText()).isEqualTo("crisis-team");
    assertThat(c.path("priority").asText()).isEqualTo("URGENT");
    Instant created = Instant.parse(c.path("createdAt").asText());
    assertThat(Instant.parse(c.path("firstResponseDueAt").asText()))
        .isCloseTo(created.plus(Duration.ofMinutes(5)), within(30, ChronoUnit.SECONDS));
    assertThat(Instant.parse(c.path("resolutionDueAt").asText()))
        .isCloseTo(created.plus(Duration.ofHours(4)), within(30, ChronoUnit.SECONDS));

    List<Task> tasks = openTasks(taskService, c);
    assertThat(tasks).extracting(Task::getTaskDefinitionKey).containsExactly(Elements.TASK_ASSESS_CASE);
    assertThat(candidateGroups(taskService, tasks.get(0))).containsExactly("crisis-team");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getTenantId())
        .isEqualTo(tenant);
    assertThat(changeTypes(jdbc, id)).containsExactly("CREATED", "TRIAGED");
    assertThat(eventTypes(jdbc, id)).containsExactlyInAnyOrder("CaseOpened", "CaseTriaged", "CaseAssigned", "TaskCreated");

    JsonNode fetched = agent.get("/api/v1/cases/" + id).json();
    assertThat(fetched.path("riskLevel").asText()).isEqualTo("CRITICAL");
    assertThat(fetched.path("processInstanceId").asText()).isEqualTo(c.path("processInstanceId").asText());
  }

  @Test
  void aBillingQuestionInCustomerServiceIsLowRiskAndLowPriority() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));

    JsonNode c = create(agent, newCase("customer-service-request", "Charged twice", intake("billing", false)));

    assertThat(c.path("sector").asText()).isEqualTo("customer-service");
    assertThat(c.path("riskLevel").asText()).isEqualTo("LOW");
    assertThat(c.path("team").asText()).isEqualTo("customer-care-team");
    assertThat(c.path("priority").asText()).isEqualTo("LOW");
    Instant created = Instant.parse(c.path("createdAt").asText());
    assertThat(Instant.parse(c.path("firstResponseDueAt").asText()))
        .isCloseTo(created.plus(Duration.ofDays(1)), within(30, ChronoUnit.SECONDS));
    assertThat(candidateGroups(taskService, openTasks(taskService, c).get(0))).containsExactly("customer-care-team");
  }

  @Test
  void aSurvivorDisclosingAbuseGoesToTheSpecialistTeam() {
    String tenant = fixtures.tenant("survivor-support");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    Map<String, Object> body = newCase("survivor-support", "Callback requested", intake("domestic-abuse", false));
    body.put("customFields", Map.of("preferredLanguage", "pl", "numberOfPeopleAffected", 3));

    JsonNode c = create(agent, body);

    assertThat(c.path("riskLevel").asText()).isEqualTo("MEDIUM");
    assertThat(c.path("team").asText()).isEqualTo("survivor-support-team");
    assertThat(c.path("priority").asText()).isEqualTo("NORMAL");
    assertThat(c.path("customFields").path("numberOfPeopleAffected").asInt()).isEqualTo(3);
  }

  @Test
  void withoutIntakeFactsTheCaseWaitsForIntakeUntriaged() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));

    JsonNode c = create(agent, newCase("general-enquiry", "Email without details", null));

    assertThat(c.path("priority").asText()).isEqualTo("NORMAL");
    assertThat(c.has("riskLevel")).isFalse();
    assertThat(c.has("team")).isFalse();
    List<Task> tasks = openTasks(taskService, c);
    assertThat(tasks).extracting(Task::getTaskDefinitionKey).containsExactly(Elements.TASK_COMPLETE_INTAKE);
    assertThat(runtimeService.getVariable(tasks.get(0).getProcessInstanceId(), Variables.INTAKE_COMPLETE))
        .isEqualTo(false);
  }

  @Test
  void customFieldsTitleAndDescriptionStayOutOfTheProcess() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    String marker = UUID.randomUUID().toString();
    Map<String, Object> body = newCase("general-enquiry", "Title " + marker, intake("general", false));
    body.put("description", "Description " + marker);
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("referenceNumber", "GE-123456");
    custom.put("preferredLanguage", "fr");
    custom.put("consentToContact", true);
    custom.put("followUpDate", "2030-01-15");
    body.put("customFields", custom);

    JsonNode c = create(agent, body);

    assertThat(c.path("title").asText()).isEqualTo("Title " + marker);
    assertThat(c.path("description").asText()).isEqualTo("Description " + marker);
    assertThat(c.path("customFields").path("referenceNumber").asText()).isEqualTo("GE-123456");
    assertThat(c.path("customFields").path("consentToContact").asBoolean()).isTrue();
    assertThat(c.path("customFields").path("followUpDate").asText()).isEqualTo("2030-01-15");
    List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(c.path("processInstanceId").asText()).list();
    assertThat(variables).extracting(HistoricVariableInstance::getName)
        .contains(Variables.CASE_ID, Variables.SECTOR, Variables.CASE_TYPE, Variables.CHANNEL, Variables.CATEGORY,
            Variables.RISK_LEVEL, Variables.TEAM)
        .doesNotContain("title", "description", "customFields", "referenceNumber", "preferredLanguage");
    for (HistoricVariableInstance variable : variables) {
      assertThat(String.valueOf(variable.getValue())).as(variable.getName())
          .doesNotContain(marker).doesNotContain("GE-123456");
    }
  }

  @Test
  void invalidPayloadsAreRefusedByFieldAndWriteNothing() {
    String tenant = fixtures.tenant("generic");
    String otherTenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    long[] before = counts(tenant);

    expectInvalid(agent, Map.of("caseType", "general-enquiry"), "title");
    expectInvalid(agent, with("title", " "), "title");
    expectInvalid(agent, with("title", "x".repeat(201)), "title");
    expectInvalid(agent, with("caseType", "no-such-type"), "caseType");
    expectInvalid(agent, with("customFields", Map.of("referenceNumber", "123")), "customFields.referenceNumber");
    expectInvalid(agent, with("customFields", Map.of("preferredLanguage", "klingon")), "customFields.preferredLanguage");
    expectInvalid(agent, with("customFields", Map.of("followUpDate", "next week")), "customFields.followUpDate");
    expectInvalid(agent, with("customFields", Map.of("colour", "blue")), "customFields.colour");
    expectInvalid(agent, with("customFields", List.of(1, 2)), "customFields");
    expectInvalid(agent, with("priority", "HIGH"), "priority");
    expectInvalid(agent, with("channel", "fax"), "channel");
    expectInvalid(agent, with("intake", Map.of("category", "weather")), "intake.category");
    expectInvalid(agent, with("intake", Map.of("immediateDanger", true)), "intake.category");
    expectInvalid(agent, with("intake", Map.of("category", "general", "immediateDanger", "maybe")),
        "intake.immediateDanger");
    expectInvalid(agent, with("intake", Map.of("category", "general", "mood", "calm")), "intake.mood");
    expectInvalid(agent, with("title", Map.of("text", "nested")), "title");
    expectInvalid(agent, with("intake", Map.of("category", "general", "mood", Map.of("calm", true))), "intake.mood");
    expectInvalid(agent, with("tenantId", otherTenant), "tenantId");
    Map<String, Object> survivor = newCase("survivor-support", "Callback", intake("general", false));
    survivor.put("customFields", Map.of("numberOfPeopleAffected", 50));
    ApiClient.Response tooMany = agent.post("/api/v1/cases", survivor);
    assertThat(fieldsAtFault(tooMany))
        .containsExactlyInAnyOrder("customFields.numberOfPeopleAffected", "customFields.preferredLanguage");
    assertThat(agent.post("/api/v1/cases", "{\"title\": ").status()).isEqualTo(400);

    assertThat(counts(tenant)).containsExactly(before);
    assertThat(before[0] + before[1] + before[2] + before[3]).isZero();
  }

  @Test
  void aUserOfSeveralOrganisationsMustNameOne() {
    String first = fixtures.tenant("generic");
    String second = fixtures.tenant("generic");
    String agentId = fixtures.agent(first);
    identityService.createTenantUserMembership(second, agentId);
    ApiClient agent = fixtures.as(agentId);
    Map<String, Object> body = newCase("general-enquiry", "Which organisation?", intake("general", false));

    assertThat(fieldsAtFault(agent.post("/api/v1/cases", body))).containsExactly("tenantId");

    body.put("tenantId", second);
    assertThat(create(agent, body).path("tenantId").asText()).isEqualTo(second);
  }

  private static Map<String, Object> with(String field, Object value) {
    Map<String, Object> body = newCase("general-enquiry", "Valid title", intake("general", false));
    body.put(field, value);
    return body;
  }

  private static void expectInvalid(ApiClient api, Map<String, Object> body, String field) {
    ApiClient.Response response = api.post("/api/v1/cases", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fieldsAtFault(response)).as(response.toString()).contains(field);
  }

  /** Rows and instances of the tenant, and in total, so a write under a wrong tenant shows up too. */
  private long[] counts(String tenant) {
    return new long[] {
        count("SELECT COUNT(*) FROM case_record WHERE tenant_id = :t", tenant),
        count("SELECT COUNT(*) FROM outbox_event WHERE tenant_id = :t", tenant),
        count("SELECT COUNT(*) FROM case_change WHERE tenant_id = :t", tenant),
        historyService.createHistoricProcessInstanceQuery().tenantIdIn(tenant).count(),
        count("SELECT COUNT(*) FROM case_record", null),
        count("SELECT COUNT(*) FROM outbox_event", null),
        count("SELECT COUNT(*) FROM case_change", null),
        historyService.createHistoricProcessInstanceQuery().count(),
        runtimeService.createProcessInstanceQuery().count()};
  }

  private long count(String sql, String tenant) {
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    if (tenant != null) {
      statement = statement.param("t", tenant);
    }
    return statement.query(Long.class).single();
  }
}
