package org.switchboard.caseapi.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class WorkflowConfigurationApiTest {

  private static final String PATH = "/api/v1/config/workflows";

  @Autowired TestFixtures fixtures;
  @Autowired RepositoryService repositoryService;

  String tenant;
  String otherTenant;
  ApiClient admin;
  ApiClient tenantAdmin;
  ApiClient agent;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    otherTenant = fixtures.tenant("generic");
    admin = fixtures.as(fixtures.admin());
    tenantAdmin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    agent = fixtures.as(fixtures.agent(tenant));
  }

  @Test
  void listsDeploymentsWithTheirDefinitionsByRole() {
    String key = processKey();
    Response own = deploy(admin, "own " + key, tenant, bpmn(key, "1.0.0", true), form(key));
    Response foreign = deploy(admin, "foreign " + key, otherTenant, bpmn(key, "1.0.0", true), form(key));
    assertThat(own.status()).as(own.text()).isEqualTo(201);
    assertThat(foreign.status()).as(foreign.text()).isEqualTo(201);
    String ownId = own.json().path("id").asText();
    String foreignId = foreign.json().path("id").asText();
    // The platform deployment (the one with the DMN tables); other tests deploy shared test processes too, and
    // deployment ids are random UUIDs, so "the first" is not necessarily the platform's.
    String sharedId = repositoryService.createDeploymentQuery().withoutTenantId().list().stream()
        .filter(d -> repositoryService.createDecisionDefinitionQuery().deploymentId(d.getId()).count() > 0)
        .findFirst().orElseThrow().getId();

    JsonNode all = admin.get(PATH + "?size=100").json();
    assertThat(ids(all)).contains(ownId, foreignId, sharedId);
    JsonNode ownListed = find(all, ownId);
    assertThat(ownListed.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(ownListed.path("source").asText()).isEqualTo("Switchboard API");
    JsonNode definition = ownListed.path("processDefinitions").get(0);
    assertThat(definition.path("key").asText()).isEqualTo(key);
    assertThat(definition.path("version").asInt()).isEqualTo(1);
    assertThat(definition.path("versionTag").asText()).isEqualTo("1.0.0");
    assertThat(definition.path("tenantId").asText()).isEqualTo(tenant);
    JsonNode platform = find(all, sharedId);
    assertThat(platform.has("tenantId")).isFalse();
    assertThat(platform.path("decisionDefinitions").size()).isPositive();

    JsonNode mine = tenantAdmin.get(PATH + "?size=100").json();
    assertThat(ids(mine)).contains(ownId, sharedId).doesNotContain(foreignId);
    assertThat(tenantAdmin.get(PATH + "/" + foreignId).status()).isEqualTo(404);
    assertThat(tenantAdmin.get(PATH + "/" + ownId).status()).isEqualTo(200);

    Response refused = agent.get(PATH);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fixtures.anonymous().get(PATH).status()).isEqualTo(401);
  }

  @Test
  void tenantAdministratorsDeployForTheirTenantOnly() {
    String key = processKey();

    Response deployed = deploy(tenantAdmin, "workflow " + key, tenant, bpmn(key, "1.0.0", true), form(key));
    assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
    assertThat(deployed.header("Location")).endsWith(PATH + "/" + deployed.json().path("id").asText());
    assertThat(deployed.json().path("resources")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(key + ".bpmn", key + ".form");

    assertThat(deploy(tenantAdmin, "foreign " + key, otherTenant, bpmn(key, "1.0.0", true)).status()).isEqualTo(404);
    assertThat(deploy(tenantAdmin, "shared " + key, null, bpmn(key, "1.0.0", true)).status()).isEqualTo(403);
    assertThat(deploy(admin, "unknown tenant " + key, "no-such-tenant", bpmn(key, "1.0.0", true)).status())
        .isEqualTo(404);
    assertThat(deploy(agent, "agent " + key, tenant, bpmn(key, "1.0.0", true)).status()).isEqualTo(403);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
  }

  @Test
  void invalidUploadsAreRefusedNamingTheFileAndNothingIsDeployed() {
    String key = processKey();
    String name = "invalid " + key;

    assertThat(fields(deploy(admin, name, tenant))).containsExactly("files");
    Response text = deploy(admin, name, tenant, new Upload("notes.txt", "hello"));
    assertThat(fields(text)).containsExactly("files[notes.txt]");

    String broken = bpmn(key, "1.0.0", true).content().replace("targetRef=\"Task_Work\"", "targetRef=\"Task_Missing\"");
    Response parse = deploy(admin, name, tenant, new Upload(key + ".bpmn", broken));
    assertThat(fields(parse)).contains("files[" + key + ".bpmn]");
    assertThat(parse.json().path("errors").get(0).path("message").asText()).contains("Task_Missing").contains("line");

    Response ttl = deploy(admin, name, tenant, bpmn(key, "1.0.0", false));
    assertThat(fields(ttl)).containsExactly("files[" + key + ".bpmn]");
    assertThat(ttl.json().path("errors").get(0).path("message").asText())
        .contains("History Time To Live (TTL) cannot be null").contains(key);

    Response dmn = deploy(admin, name, tenant, new Upload(key + ".dmn", "<definitions>not dmn</definitions>"));
    assertThat(fields(dmn)).containsExactly("files[" + key + ".dmn]");
    assertThat(dmn.json().path("errors").get(0).path("message").asText()).contains("DMN");
    Response form = deploy(admin, name, tenant, bpmn(key, "1.0.0", true), new Upload(key + ".form", "{\"components\":[]}"));
    assertThat(fields(form)).containsExactly("files[" + key + ".form]");
    assertThat(fields(deploy(admin, " ", tenant, bpmn(key, "1.0.0", true)))).containsExactly("name");

    assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isZero();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void updateDeploysANewVersionKeepingTheResourcesItDoesNotReplace() {
    String key = processKey();
    Response first = deploy(admin, "workflow " + key, tenant, bpmn(key, "1.0.0", true), form(key));
    String firstId = first.json().path("id").asText();

    Response updated = send(tenantAdmin, PATH + "/" + firstId, bpmn(key, "1.1.0", true));

    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    JsonNode workflow = updated.json();
    assertThat(workflow.path("id").asText()).isNotEqualTo(firstId);
    assertThat(workflow.path("name").asText()).isEqualTo("workflow " + key);
    assertThat(workflow.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(workflow.path("resources")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(key + ".bpmn", key + ".form");
    JsonNode definition = workflow.path("processDefinitions").get(0);
    assertThat(definition.path("version").asInt()).isEqualTo(2);
    assertThat(definition.path("versionTag").asText()).isEqualTo("1.1.0");
    assertThat(admin.get(PATH + "/" + firstId).status()).isEqualTo(200);

    Response invalid = send(admin, PATH + "/" + firstId, bpmn(key, "1.2.0", false));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(fields(send(admin, PATH + "/" + firstId))).containsExactly("files");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(2);

    // The platform deployment (the one with the DMN tables); other tests deploy shared test processes too, and
    // deployment ids are random UUIDs, so "the first" is not necessarily the platform's.
    String sharedId = repositoryService.createDeploymentQuery().withoutTenantId().list().stream()
        .filter(d -> repositoryService.createDecisionDefinitionQuery().deploymentId(d.getId()).count() > 0)
        .findFirst().orElseThrow().getId();
    assertThat(send(tenantAdmin, PATH + "/" + sharedId, bpmn(key, "1.0.0", true)).status()).isEqualTo(403);
    String foreignId = deploy(admin, "foreign " + key, otherTenant, bpmn(key, "1.0.0", true)).json().path("id").asText();
    assertThat(send(tenantAdmin, PATH + "/" + foreignId, bpmn(key, "1.0.0", true)).status()).isEqualTo(404);
    assertThat(send(admin, PATH + "/no-such-deployment", bpmn(key, "1.0.0", true)).status()).isEqualTo(404);
  }

  private Response deploy(ApiClient client, String name, String tenantId, Upload... files) {
    Multipart form = new Multipart().field("name", name);
    if (tenantId != null) {
      form.field("tenantId", tenantId);
    }
    for (Upload file : files) {
      form.file("files", file.name(), "application/octet-stream", file.content().getBytes(StandardCharsets.UTF_8));
    }
    return client.send(form.post(client.request(PATH)));
  }

  private Response send(ApiClient client, String path, Upload... files) {
    Multipart form = new Multipart();
    for (Upload file : files) {
      form.file("files", file.name(), "application/octet-stream", file.content().getBytes(StandardCharsets.UTF_8));
    }
    return client.send(form.put(client.request(path)));
  }

  private static String processKey() {
    return "WorkflowTest_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Upload bpmn(String key, String versionTag, boolean withTtl) {
    String ttl = withTtl ? " camunda:historyTimeToLive=\"P30D\"" : "";
    return new Upload(key + ".bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
            targetNamespace="http://switchboard.org/bpmn/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:versionTag="%2$s"%3$s>
            <bpmn:startEvent id="StartEvent_Started" />
            <bpmn:sequenceFlow id="Flow_ToWork" sourceRef="StartEvent_Started" targetRef="Task_Work" />
            <bpmn:userTask id="Task_Work" camunda:formRef="%1$s" camunda:formRefBinding="deployment"
                camunda:candidateGroups="agents" />
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Work" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, versionTag, ttl));
  }

  private static Upload form(String key) {
    return new Upload(key + ".form", """
        {"id": "%s", "type": "default", "schemaVersion": 16, "components": [
          {"id": "Field_ok", "type": "checkbox", "key": "ok", "label": "Done"}]}
        """.formatted(key));
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static JsonNode find(JsonNode page, String id) {
    for (JsonNode item : page.path("items")) {
      if (item.path("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("Not listed: " + id);
  }

  private static List<String> fields(Response problem) {
    assertThat(problem.status()).as(problem.text()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    problem.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private record Upload(String name, String content) {
  }
}
