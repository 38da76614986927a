package org.switchboard.caseapi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFiles;
import org.switchboard.caseapi.support.TestFixtures;

/**
 * Reliability battery A-1 (audit completeness) through the API on PostgreSQL: each auditable action
 * leaves exactly one complete event (who, what, when, tenant, object, source, outcome), plus the
 * verification endpoint, the scheduled job's signed checkpoints and the auditor views.
 */
@SwitchboardTest
class AuditTrailApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  AuditEventSearch search;
  @Autowired
  AuditVerificationJob job;
  @Autowired
  CheckpointStore checkpoints;
  @Autowired
  JdbcClient jdbc;

  private String tenant;
  private String agentId;
  private ApiClient agent;
  private String auditorId;
  private ApiClient auditor;
  private ApiClient admin;
  private Instant started;

  @BeforeEach
  void setUp() {
    started = Instant.now().minusSeconds(1);
    tenant = fixtures.tenant("general");
    agentId = fixtures.agent(tenant);
    agent = fixtures.as(agentId);
    auditorId = fixtures.user(tenant, Roles.AUDITORS);
    auditor = fixtures.as(auditorId);
    admin = fixtures.as(fixtures.admin());
  }

  @Test
  void everyAuditableActionLeavesExactlyOneCompleteEvent() {
    String title = "Audit " + UUID.randomUUID();
    String caseId = createCase(title);
    assertOneEvent("CASE_CREATED", caseId, agentId, e -> { });

    assertThat(agent.get("/api/v1/cases/" + caseId).status()).isEqualTo(200);
    assertOneView(caseId, "case");

    JsonNode list = agent.get("/api/v1/cases?q=" + title.substring(6)).json();
    assertThat(list.path("items")).hasSize(1);
    List<StoredAuditEvent> listed = events(null, agentId, "CASES_LISTED");
    assertThat(listed).hasSize(1);
    assertComplete(listed.get(0), agentId);
    assertThat(listed.get(0).details()).containsEntry("count", 1).containsEntry("caseIds", List.of(caseId));

    String version = agent.get("/api/v1/cases/" + caseId).header("ETag");
    ApiClient.Response updated = agent.send(agent.request("/api/v1/cases/" + caseId)
        .header("Content-Type", "application/json").header("If-Match", version)
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"title\":\"Renamed secret title\",\"priority\":\"HIGH\"}")));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    StoredAuditEvent update = assertOneEvent("CASE_UPDATED", caseId, agentId, e -> { });
    assertThat(update.details().get("fields")).asList().contains("title", "priority");
    assertThat(update.details().toString()).doesNotContain("Renamed secret title").doesNotContain("HIGH");

    assertThat(agent.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", "a private note")).status())
        .isEqualTo(201);
    assertOneEvent("CASE_NOTE_ADDED", caseId, agentId, e -> { });
    assertThat(agent.get("/api/v1/cases/" + caseId + "/notes").status()).isEqualTo(200);
    assertOneView(caseId, "notes");
    assertThat(agent.get("/api/v1/cases/" + caseId + "/history").status()).isEqualTo(200);
    assertOneView(caseId, "history");
    assertThat(agent.get("/api/v1/cases/" + caseId + "/tasks").status()).isEqualTo(200);
    assertOneView(caseId, "tasks");

    ApiClient.Response uploaded = agent.send(Multipart.file(agent, "/api/v1/cases/" + caseId + "/documents", "file",
        "report.pdf", TestFiles.pdf()));
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertOneEvent("CASE_DOCUMENT_ADDED", caseId, agentId, e -> { });
    String documentId = uploaded.json().path("id").asText();
    assertThat(agent.get("/api/v1/cases/" + caseId + "/documents/" + documentId + "/content").status())
        .isEqualTo(200);
    StoredAuditEvent download = assertOneEvent("DOCUMENT_DOWNLOADED", caseId, agentId, e -> { });
    assertThat(download.objectType()).isEqualTo("document");
    assertThat(download.objectId()).isEqualTo(documentId);

    String other = createCase("Other " + UUID.randomUUID());
    assertThat(agent.post("/api/v1/cases/" + caseId + "/links", Map.of("targetCaseId", other, "type", "RELATED"))
        .status()).isEqualTo(201);
    assertOneEvent("CASE_LINKED", caseId, agentId, e -> { });
    assertOneEvent("CASE_LINKED", other, agentId, e -> { });

    String duplicate = createCase("Duplicate " + UUID.randomUUID());
    ApiClient.Response merged = agent.post("/api/v1/cases/" + caseId + "/merge", Map.of("duplicateCaseId", duplicate));
    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    assertOneEvent("CASE_MERGED_INTO", duplicate, agentId, e -> { });
    assertOneEvent("CASE_MERGED_FROM", caseId, agentId, e -> { });

    ApiClient.Response closed = agent.post("/api/v1/cases/" + caseId + "/close",
        Map.of("reason", "RESOLVED", "outcome", "RESOLVED"));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertOneEvent("CASE_CLOSED", caseId, agentId, e -> { });

    String supervisorId = fixtures.supervisor(tenant);
    assertThat(fixtures.as(supervisorId).delete("/api/v1/cases/" + other).status()).isEqualTo(204);
    assertOneEvent("CASE_DELETED", other, supervisorId, e -> { });
  }

  @Test
  void workflowDeploymentsAreConfigurationEvents() {
    String tenantAdminId = fixtures.user(tenant, Roles.TENANT_ADMINS);
    String key = "AuditTest_" + UUID.randomUUID().toString().substring(0, 8);
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
            targetNamespace="http://switchboard.org/bpmn/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Started" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key);
    ApiClient client = fixtures.as(tenantAdminId);
    ApiClient.Response deployed = client.send(new Multipart().field("name", key).field("tenantId", tenant)
        .file("files", key + ".bpmn", "application/octet-stream", bpmn.getBytes(StandardCharsets.UTF_8))
        .post(client.request("/api/v1/config/workflows")));
    assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);

    List<StoredAuditEvent> events = events(null, tenantAdminId, "WORKFLOW_DEPLOYED");
    assertThat(events).hasSize(1);
    assertComplete(events.get(0), tenantAdminId);
    assertThat(events.get(0).objectId()).isEqualTo(deployed.json().path("id").asText());
    assertThat(events.get(0).details()).containsEntry("resources", List.of(key + ".bpmn"));
  }

  @Test
  void verificationIsForAuditorsAndAdminsAndTheJobSignsACheckpointOutsideTheDatabase() throws Exception {
    assertThat(agent.get("/api/v1/audit/verify").status()).isEqualTo(403);
    JsonNode verified = auditor.get("/api/v1/audit/verify").json();
    assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    assertThat(verified.path("checkedRows").asLong()).isPositive();
    assertThat(events(null, auditorId, "AUDIT_CHAIN_VERIFIED")).hasSize(1);

    createCase("Before checkpoint " + UUID.randomUUID());
    int before = checkpoints.readAll().size();
    VerificationResult result = job.run();

    assertThat(result.valid()).as(result.toString()).isTrue();
    List<CheckpointStore.Read> after = checkpoints.readAll();
    assertThat(after).hasSize(before + 1);
    CheckpointStore.Read newest = after.get(after.size() - 1);
    assertThat(newest.signatureValid()).isTrue();
    assertThat(newest.checkpoint().seq()).isEqualTo(result.lastSeq());
    assertThat(Files.readString(checkpoints.file())).contains("\"mac\":");

    JsonNode again = admin.get("/api/v1/audit/verify?sinceLastCheckpoint=true").json();
    assertThat(again.path("valid").asBoolean()).as(again.toString()).isTrue();
    assertThat(admin.get("/api/v1/audit/verify").json().path("checkpointsChecked").asInt()).isPositive();
  }

  @Test
  void theApplicationsOwnConnectionCannotChangeOrDeleteAuditRows() {
    createCase("Immutable " + UUID.randomUUID());
    long seq = jdbc.sql("SELECT max(seq) FROM audit_event").query(Long.class).single();
    assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE seq = :s").param("s", seq)
        .update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = :s").param("s", seq).update())
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update()).isInstanceOf(DataAccessException.class);
  }

  @Test
  void auditorsSearchAndExportTheirOwnTenantsEventsOnlyAndTheExportIsAudited() {
    String caseId = createCase("Searchable " + UUID.randomUUID());
    String otherTenant = fixtures.tenant("general");
    String foreignAgent = fixtures.agent(otherTenant);
    String foreignCase = createCase(fixtures.as(foreignAgent), "Foreign " + UUID.randomUUID());

    assertThat(agent.get("/api/v1/audit/events").status()).isEqualTo(403);
    JsonNode page = auditor.get("/api/v1/audit/events?caseId=" + caseId + "&action=CASE_CREATED").json();
    assertThat(page.path("total").asLong()).as(page.toString()).isEqualTo(1);
    JsonNode event = page.path("items").get(0);
    assertThat(event.path("actor").asText()).isEqualTo(agentId);
    assertThat(event.path("objectId").asText()).isEqualTo(caseId);
    assertThat(event.path("hash").asText()).hasSize(64);

    assertThat(auditor.get("/api/v1/audit/events?caseId=" + foreignCase).json().path("total").asLong()).isZero();
    assertThat(admin.get("/api/v1/audit/events?caseId=" + foreignCase).json().path("total").asLong()).isPositive();
    JsonNode byActor = auditor.get("/api/v1/audit/events?actor=" + agentId + "&size=200").json();
    byActor.path("items").forEach(e -> assertThat(e.path("tenantId").asText()).isEqualTo(tenant));

    ApiClient.Response bad = auditor.get("/api/v1/audit/events?from=yesterday&size=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("from", "size");

    ApiClient.Response csv = auditor.get("/api/v1/audit/events/export?format=csv&caseId=" + caseId);
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("audit-events.csv");
    String[] lines = csv.text().split("\r\n");
    assertThat(lines[0]).isEqualTo(AuditViews.Csv.HEADER);
    assertThat(csv.text()).contains("CASE_CREATED").doesNotContain(foreignCase);

    ApiClient.Response json = auditor.get("/api/v1/audit/events/export?format=json&caseId=" + caseId);
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.json().isArray()).isTrue();
    assertThat(json.json().get(0).path("objectId").asText()).isEqualTo(caseId);
    assertThat(auditor.get("/api/v1/audit/events/export?format=xml").status()).isEqualTo(400);

    List<StoredAuditEvent> exports = events(null, auditorId, "AUDIT_EXPORTED");
    assertThat(exports).hasSize(2);
    exports.forEach(e -> assertComplete(e, auditorId));
    assertThat(exports).extracting(e -> e.details().get("format")).containsExactlyInAnyOrder("csv", "json");
  }

  private String createCase(String title) {
    return createCase(agent, title);
  }

  private static String createCase(ApiClient client, String title) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", "general-enquiry");
    body.put("title", title);
    body.put("intake", Map.of("category", "general", "immediateDanger", false));
    ApiClient.Response created = client.post("/api/v1/cases", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private void assertOneView(String caseId, String view) {
    List<StoredAuditEvent> views = new ArrayList<>(events(caseId, agentId, "CASE_VIEWED"));
    views.removeIf(e -> !view.equals(e.details().get("view")));
    assertThat(views).as("CASE_VIEWED %s of %s", view, caseId).hasSize(1);
    assertComplete(views.get(0), agentId);
  }

  private StoredAuditEvent assertOneEvent(String action, String caseId, String actor,
      java.util.function.Consumer<StoredAuditEvent> more) {
    List<StoredAuditEvent> found = events(caseId, actor, action);
    assertThat(found).as("%s on %s", action, caseId).hasSize(1);
    assertComplete(found.get(0), actor);
    more.accept(found.get(0));
    return found.get(0);
  }

  private void assertComplete(StoredAuditEvent e, String actor) {
    assertThat(e.actor()).as("who").isEqualTo(actor);
    assertThat(e.action()).as("what").isNotBlank();
    assertThat(e.at()).as("when").isBetween(started, Instant.now().plusSeconds(1));
    assertThat(e.tenantId()).as("where: tenant").isEqualTo(tenant);
    assertThat(e.objectType()).as("where: object type").isNotBlank();
    assertThat(e.source()).as("source address").isNotBlank();
    assertThat(e.client()).as("client").contains("Java-http-client");
    assertThat(e.outcome()).as("outcome").isEqualTo("SUCCESS");
  }

  private List<StoredAuditEvent> events(String caseId, String actor, String action) {
    return search.find(new AuditEventSearch.Filter(null, caseId, actor, action, null, null), 0, 1000, false);
  }
}
