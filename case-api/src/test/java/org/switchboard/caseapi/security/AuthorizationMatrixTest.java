package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.RepositoryFiles;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.tasks.TaskTestCases;

/**
 * The authorization matrix (reliability T-1): every operation of docs/openapi.json has exactly one row in
 * security/permissions.yaml, and every operation × role × {own tenant, foreign tenant} answers as the matrix says,
 * with no data of the other tenant in any answer.
 */
@SwitchboardTest
class AuthorizationMatrixTest {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  @Autowired TestFixtures fixtures;
  @Autowired CaseSeeder seeder;
  @Autowired CaseRepository caseRepository;
  @Autowired CaseProcess caseProcess;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper mapper;
  @Autowired org.switchboard.caseapi.conversations.InboundReception inboundReception;
  @Autowired org.switchboard.caseapi.conversations.inbound.InboundProcessor inboundProcessor;

  private final PermissionMatrix matrix = PermissionMatrix.load();

  @Test
  void everyOpenApiOperationHasExactlyOneRowAndEveryRowAnOperation() throws IOException {
    Set<String> documented = operations().keySet();
    Set<String> declared = new TreeSet<>();
    matrix.rows().forEach(row -> declared.add(row.method() + " " + row.path()));

    assertThat(new TreeSet<>(documented)).as("OpenAPI operations without a row in " + PermissionMatrix.LOCATION)
        .isSubsetOf(declared);
    assertThat(declared).as("matrix rows without an OpenAPI operation").isSubsetOf(documented);
  }

  @Test
  void everyOperationRoleAndTenantAnswersAsTheMatrixSaysWithoutLeaks() throws IOException {
    Fixture a = fixture(fixtures.tenant("generic"));
    String tenantB = fixtures.tenant("generic");
    Set<String> secrets = Set.of(a.caseId, a.otherCaseId, a.noteId, a.documentId, a.linkId, a.taskId,
        a.deploymentId, a.noteMarker, "Test case " + a.caseId, a.contactId, a.holdId, "Matrix contact", a.accountId,
        a.conversationId, a.identityId, "matrix inbound message", a.messageId, a.templateId, a.cannedResponseId,
        "matrix outbound message", "matrix template", "matrix canned", a.articleId, "matrix article");
    Fixture missing = a.missing();
    List<String> failures = new ArrayList<>();

    // Foreign first: the own-tenant pass changes and deletes things.
    for (String role : matrix.roleNames()) {
      if (role.equals("admin")) {
        continue; // platform administrators are cross-tenant by definition; there is no foreign tenant for them
      }
      ApiClient foreign = fixtures.as(user(tenantB, role, a.team));
      for (PermissionMatrix.Row row : matrix.rows()) {
        String path = resolve(row, a);
        Response response = call(foreign, row, path, tenantB);
        String label = "foreign " + role + " " + row.method() + " " + row.path() + " -> " + response.status();
        boolean allowed = row.allow().contains(role);
        boolean objectEndpoint = VARIABLE.matcher(row.path()).find() && !row.path().startsWith("/api/v1/case-types/");
        if (!allowed && response.status() != 403) {
          failures.add(label + " (expected 403: not in the matrix)");
        } else if (allowed && objectEndpoint && response.status() != 404) {
          // Body validation may run before the lookup; then a missing id must answer exactly the same.
          int forMissing = call(foreign, row, resolve(row, missing), tenantB).status();
          if (response.status() != 400 || forMissing != 400) {
            failures.add(label + " (expected 404 for another tenant's object, got " + response.status()
                + "; a missing id gets " + forMissing + ") " + response.text());
          }
        } else if (allowed && !objectEndpoint && (response.status() == 401 || response.status() >= 500)) {
          failures.add(label + " " + response.text());
        }
        String body = response.text();
        // Ids the caller sent are echoed in problem details; they tell the caller nothing new.
        secrets.stream().filter(secret -> !path.contains(secret)).filter(body::contains).forEach(secret -> failures.add(label + " LEAKS " + secret));
      }
    }

    for (String role : matrix.roleNames()) {
      ApiClient own = fixtures.as(user(a.tenantId, role, a.team));
      for (PermissionMatrix.Row row : matrix.rows()) {
        Response response = call(own, row, resolve(row, a), a.tenantId);
        String label = "own " + role + " " + row.method() + " " + row.path() + " -> " + response.status();
        boolean allowed = row.allow().contains(role);
        if (allowed && (response.status() == 401 || response.status() == 403 || response.status() >= 500)) {
          failures.add(label + " (allowed in the matrix) " + response.text());
        } else if (!allowed && response.status() != 403) {
          failures.add(label + " (expected 403: not in the matrix)");
        }
      }
    }

    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  void aRequestNoRowMatchesIsRefusedAndAudited() {
    String admin = fixtures.admin();
    Response response = fixtures.as(admin).get("/api/v1/no-such-endpoint");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    Map<String, Object> event = jdbc.sql("""
        SELECT action, outcome, object_id, source FROM audit_event WHERE actor = :actor ORDER BY seq DESC LIMIT 1
        """).param("actor", admin).query().singleRow();
    assertThat(event).containsEntry("action", "ACCESS_DENIED").containsEntry("outcome", "DENIED")
        .containsEntry("object_id", "GET /api/v1/no-such-endpoint");
    assertThat((String) event.get("source")).isNotBlank();
  }

  @Test
  void unauthenticatedCallsAre401() {
    for (PermissionMatrix.Row row : matrix.rows()) {
      String path = VARIABLE.matcher(row.path()).replaceAll("x");
      Response response = fixtures.anonymous().send(fixtures.anonymous().request(path)
          .method(row.method(), java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertThat(response.status()).as(row.method() + " " + row.path()).isEqualTo(401);
    }
  }

  private Response call(ApiClient client, PermissionMatrix.Row row, String path, String tenantId) {
    if (row.path().endsWith("/documents") && row.method().equals("POST")
        || row.path().endsWith("/versions")) {
      return client.send(new Multipart().file("file", "probe.txt", "text/plain", "probe".getBytes(StandardCharsets.UTF_8))
          .post(client.request(path)));
    }
    if (row.path().startsWith("/api/v1/config/workflows") && !row.method().equals("GET")) {
      Multipart form = new Multipart().field("name", "probe").field("tenantId", tenantId)
          .file("files", "probe.txt", "text/plain", "probe".getBytes(StandardCharsets.UTF_8));
      return client.send(row.method().equals("PUT") ? form.put(client.request(path)) : form.post(client.request(path)));
    }
    return switch (row.method()) {
      case "GET" -> client.get(path);
      case "DELETE" -> client.delete(path);
      case "POST" -> client.post(path, Map.of());
      case "PUT" -> client.put(path, Map.of());
      case "PATCH" -> client.patch(path, Map.of());
      default -> throw new IllegalStateException(row.method());
    };
  }

  /** Path variables filled with the fixture's ids; deletions get a fresh object so the others stay intact. */
  private String resolve(PermissionMatrix.Row row, Fixture a) {
    Matcher m = VARIABLE.matcher(row.path());
    StringBuilder path = new StringBuilder();
    boolean delete = row.method().equals("DELETE");
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "id", "caseId" -> delete && row.path().equals("/api/v1/cases/{id}") ? a.freshCase() : a.caseId;
        case "documentId" -> a.documentId;
        case "linkId" -> delete ? a.freshLink() : a.linkId;
        case "taskId" -> a.taskId;
        case "deploymentId" -> a.deploymentId;
        case "key" -> "general-enquiry";
        case "tenantId" -> a.tenantId;
        case "userId" -> "u-no-grant";
        case "contactId" -> a.contactId;
        case "holdId" -> delete ? a.freshHold() : a.holdId;
        case "accountId" -> a.accountId;
        case "conversationId" -> a.conversationId;
        case "identityId" -> a.identityId;
        case "messageId" -> a.messageId;
        case "templateId" -> delete ? a.freshTemplate() : a.templateId;
        case "cannedResponseId" -> delete ? a.freshCanned() : a.cannedResponseId;
        case "serviceId" -> "sentiment";
        case "articleId" -> delete ? a.freshArticle() : a.articleId;
        default -> throw new IllegalStateException("No fixture for path variable " + m.group(1) + " of " + row.path());
      };
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    return path.toString();
  }

  /** A user of the role in the tenant, member of every team (the fixture's too), so visibility is no factor. */
  private String user(String tenantId, String role, String team) {
    List<String> groups = new ArrayList<>(List.of(matrix.groupsOf(role).iterator().next(), team));
    groups.addAll(Roles.DEFAULT_TEAMS);
    return fixtures.user(role.equals("admin") ? null : tenantId, groups.toArray(String[]::new));
  }

  private Map<String, JsonNode> operations() throws IOException {
    JsonNode paths = mapper.readTree(Files.readString(RepositoryFiles.docs("openapi.json"))).path("paths");
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(method ->
          operations.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), path.getValue().get(method)));
    }
    return operations;
  }

  private Fixture fixture(String tenantId) {
    TaskTestCases.deployTestProcess(repositoryService);
    String team = TaskTestCases.team(identityService);
    TaskTestCases cases = new TaskTestCases(caseRepository, caseProcess, transactions, clock);
    String agent = fixtures.user(tenantId, Roles.AGENTS, team);
    ApiClient api = fixtures.as(agent);
    Fixture f = new Fixture(tenantId, agent, api);
    f.team = team;
    CaseRecord c = cases.start(tenantId, TaskTestCases.PROCESS_KEY, team);
    f.caseId = c.id();
    f.otherCaseId = seeder.withoutProcess(tenantId, agent).id();
    f.noteMarker = "matrix-note-" + c.id();
    f.noteId = created(api.post("/api/v1/cases/" + f.caseId + "/notes", Map.of("body", f.noteMarker)));
    f.documentId = created(api.send(Multipart.file(api, "/api/v1/cases/" + f.caseId + "/documents", "file",
        "report.txt", "matrix document".getBytes(StandardCharsets.UTF_8))));
    f.linkId = created(api.post("/api/v1/cases/" + f.caseId + "/links",
        Map.of("targetCaseId", f.otherCaseId, "type", "RELATED")));
    f.taskId = api.get("/api/v1/cases/" + f.caseId + "/tasks").json().get(0).path("id").asText();
    f.contactId = created(api.post("/api/v1/contacts", Map.of("displayName", "Matrix contact")));
    ApiClient admin = fixtures.as(fixtures.admin());
    f.holdId = created(admin.post("/api/v1/contacts/" + f.contactId + "/legal-holds", Map.of("reason", "matrix")));
    f.accountId = created(fixtures.as(fixtures.user(tenantId, Roles.TENANT_ADMINS)).post("/api/v1/config/channels",
        Map.of("tenantId", tenantId, "channel", "WEBCHAT", "provider", "webchat", "address", "matrix-" + tenantId)));
    String messageId = inboundReception.accept(new org.switchboard.caseapi.conversations.InboundMessage(f.accountId,
        org.switchboard.workers.channels.Channel.WEBCHAT, "matrix-" + tenantId, "matrix-visitor-" + tenantId,
        "matrix-" + tenantId, null, null, "matrix inbound message", null, List.of(), List.of(), clock.instant(),
        null)).messageId();
    inboundProcessor.process(messageId);
    Map<String, Object> message = jdbc.sql("SELECT conversation_id, contact_id FROM message WHERE id = :id")
        .param("id", messageId).query().singleRow();
    f.conversationId = (String) message.get("conversation_id");
    assertThat(admin.post("/api/v1/contacts/" + f.contactId + "/merge",
        Map.of("sourceContactId", message.get("contact_id"))).status()).isEqualTo(200);
    f.identityId = jdbc.sql("SELECT id FROM contact_identity WHERE contact_id = :c").param("c", f.contactId)
        .query(String.class).single();
    f.deploymentId = created(admin.send(new Multipart().field("name", "matrix " + c.id()).field("tenantId", tenantId)
        .file("files", "MatrixProbe.bpmn", "application/octet-stream", bpmn().getBytes(StandardCharsets.UTF_8))
        .post(admin.request("/api/v1/config/workflows"))));
    Response sent = api.post("/api/v1/communications/webchat/send", Map.of("caseId", f.caseId,
        "recipient", Map.of("address", "matrix-visitor-" + tenantId), "text", "matrix outbound message"));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    f.messageId = sent.json().path("id").asText();
    f.templateId = f.freshTemplate();
    f.cannedResponseId = f.freshCanned();
    f.articleId = f.freshArticle();
    return f;
  }

  private static String created(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("id").asText();
  }

  private static String bpmn() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_MatrixProbe"
            targetNamespace="http://switchboard.org/bpmn/test">
          <bpmn:process id="MatrixProbe" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Started" />
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="StartEvent_Started" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """;
  }

  /** Tenant A's objects, and fresh ones for the calls that destroy what they name. */
  private class Fixture {
    final String tenantId;
    final String agent;
    final ApiClient api;
    String team;
    String caseId;
    String otherCaseId;
    String noteId;
    String noteMarker;
    String documentId;
    String linkId;
    String taskId;
    String deploymentId;
    String contactId;
    String holdId;
    String accountId;
    String conversationId;
    String identityId;
    String messageId;
    String templateId;
    String cannedResponseId;
    String articleId;

    Fixture(String tenantId, String agent, ApiClient api) {
      this.tenantId = tenantId;
      this.agent = agent;
      this.api = api;
    }

    /** The same shape with ids nobody has. */
    Fixture missing() {
      Fixture f = new Fixture(tenantId, agent, api) {
        @Override
        String freshCase() {
          return caseId;
        }

        @Override
        String freshLink() {
          return linkId;
        }

        @Override
        String freshHold() {
          return holdId;
        }

        @Override
        String freshTemplate() {
          return templateId;
        }

        @Override
        String freshCanned() {
          return cannedResponseId;
        }

        @Override
        String freshArticle() {
          return articleId;
        }
      };
      f.caseId = java.util.UUID.randomUUID().toString();
      f.otherCaseId = java.util.UUID.randomUUID().toString();
      f.documentId = java.util.UUID.randomUUID().toString();
      f.linkId = java.util.UUID.randomUUID().toString();
      f.taskId = java.util.UUID.randomUUID().toString();
      f.deploymentId = java.util.UUID.randomUUID().toString();
      f.contactId = java.util.UUID.randomUUID().toString();
      f.holdId = java.util.UUID.randomUUID().toString();
      f.accountId = java.util.UUID.randomUUID().toString();
      f.conversationId = java.util.UUID.randomUUID().toString();
      f.identityId = java.util.UUID.randomUUID().toString();
      f.messageId = java.util.UUID.randomUUID().toString();
      f.templateId = java.util.UUID.randomUUID().toString();
      f.cannedResponseId = java.util.UUID.randomUUID().toString();
      f.articleId = java.util.UUID.randomUUID().toString();
      return f;
    }

    String freshTemplate() {
      return created(fixtures.as(fixtures.user(tenantId, Roles.TENANT_ADMINS)).post("/api/v1/config/message-templates",
          Map.of("tenantId", tenantId, "channel", "SMS", "name", "matrix-" + java.util.UUID.randomUUID(),
              "language", "en", "body", "matrix template {{x}}")));
    }

    String freshCanned() {
      return created(fixtures.as(fixtures.user(tenantId, Roles.TENANT_ADMINS)).post(
          "/api/v1/communications/canned-responses",
          Map.of("tenantId", tenantId, "title", "matrix canned", "body", "matrix canned body")));
    }

    /** Published, so agents and supervisors may read it. */
    String freshArticle() {
      return created(fixtures.as(fixtures.user(tenantId, Roles.TENANT_ADMINS)).post(
          "/api/v1/knowledge-base/articles", Map.of("tenantId", tenantId, "question", "matrix article?",
              "answer", "matrix article answer", "language", "en", "status", "PUBLISHED")));
    }

    String freshCase() {
      return seeder.withoutProcess(tenantId, agent).id();
    }

    String freshHold() {
      return created(fixtures.as(fixtures.admin()).post("/api/v1/contacts/" + contactId + "/legal-holds",
          Map.of("reason", "matrix")));
    }

    String freshLink() {
      String target = seeder.withoutProcess(tenantId, agent).id();
      return created(api.post("/api/v1/cases/" + otherCaseId + "/links", Map.of("targetCaseId", target, "type", "RELATED")));
    }
  }
}
