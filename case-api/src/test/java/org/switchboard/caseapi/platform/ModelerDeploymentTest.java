package org.switchboard.caseapi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.transaction.PlatformTransactionManager;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.tasks.TaskTestCases;
import org.switchboard.process.caselifecycle.CaseLifecycle;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/**
 * Camunda Modeler's "Deploy" against Switchboard: the same multipart request the Modeler's CamundaAPI sends
 * (basic auth, {@code deployment-name}, {@code deployment-source}, duplicate filtering, optional
 * {@code tenant-id}, the diagram as {@code text/xml} and attachments such as forms), then the new version at work.
 */
@SwitchboardTest
class ModelerDeploymentTest {

  @Autowired TestFixtures fixtures;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired CaseRepository caseRepository;
  @Autowired CaseProcess caseProcess;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;

  @Test
  void modelerDeploymentWithAFormMakesANewVersionStartable() throws IOException {
    String tenant = fixtures.tenant("generic");
    String team = TaskTestCases.team(identityService);
    String agent = fixtures.user(tenant, Roles.AGENTS, team);
    ApiClient admin = fixtures.as(fixtures.admin());
    String diagram = classpath("tasks/TaskTestProcess.bpmn")
        .replace("camunda:versionTag=\"1.0.0\"", "camunda:versionTag=\"2.0.0\"");
    Multipart deployment = modelerDeployment("Task test process", tenant, "TaskTestProcess.bpmn", diagram)
        .file("TaskTestReview.form", "TaskTestReview.form", "application/octet-stream",
            classpath("tasks/TaskTestReview.form").getBytes(StandardCharsets.UTF_8));

    assertThat(fixtures.anonymous().send(deployment.post(fixtures.anonymous().request("/engine-rest/deployment/create")))
        .status()).isEqualTo(401);
    assertThat(admin.get("/engine-rest/deployment?maxResults=0").status()).isEqualTo(200); // Modeler's connection check

    Response deployed = admin.send(deployment.post(admin.request("/engine-rest/deployment/create")
        .header("Accept", "application/json")));

    assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
    assertThat(deployed.json().path("source").asText()).isEqualTo("Camunda Modeler");
    assertThat(deployed.json().path("tenantId").asText()).isEqualTo(tenant);
    JsonNode definition = deployed.json().path("deployedProcessDefinitions").elements().next();
    assertThat(definition.path("key").asText()).isEqualTo(TaskTestCases.PROCESS_KEY);
    assertThat(definition.path("versionTag").asText()).isEqualTo("2.0.0");
    assertThat(definition.path("tenantId").asText()).isEqualTo(tenant);

    // Deploying unchanged resources again is filtered out, as the Modeler intends.
    Response again = admin.send(deployment.post(admin.request("/engine-rest/deployment/create")));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id").asText()).isEqualTo(deployed.json().path("id").asText());

    TaskTestCases.deployTestProcess(repositoryService);
    CaseRecord c = new TaskTestCases(caseRepository, caseProcess, transactions, clock)
        .start(tenant, TaskTestCases.PROCESS_KEY, team);
    ProcessDefinition used = definitionOf(c.processInstanceId());
    assertThat(used.getId()).isEqualTo(definition.path("id").asText());
    assertThat(used.getVersionTag()).isEqualTo("2.0.0");

    Task task = taskService.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(TaskTestCases.REVIEW_TASK);
    Response form = fixtures.as(agent).get("/api/v1/tasks/" + task.getId() + "/form");
    assertThat(form.status()).as(form.text()).isEqualTo(200);
    assertThat(form.json().path("schema").path("id").asText()).isEqualTo("TaskTestReview");
  }

  @Test
  void aTenantsOwnCaseLifecycleVersionWinsOverTheSharedOneForThatTenantOnly() throws IOException {
    String tenant = fixtures.tenant("generic");
    String otherTenant = fixtures.tenant("generic");
    ApiClient admin = fixtures.as(fixtures.admin());
    String versionTag = "1.1.0-" + tenant;
    String diagram = classpath("processes/CaseLifecycle.bpmn")
        .replaceFirst("camunda:versionTag=\"[^\"]*\"", "camunda:versionTag=\"" + versionTag + "\"");
    Multipart deployment = modelerDeployment("Case lifecycle " + tenant, tenant, "CaseLifecycle.bpmn", diagram);
    // Forms because formRefBinding="deployment" resolves them in this deployment; decisions because a tenant's
    // process resolves decisionRefs in its own tenant and would not find the shared tables.
    Resource[] attachments = attachments();
    int decisions = (int) java.util.Arrays.stream(attachments)
        .filter(r -> r.getFilename().endsWith(".dmn")).count();
    for (Resource attachment : attachments) {
      deployment.file(attachment.getFilename(), attachment.getFilename(), "application/octet-stream",
          attachment.getContentAsByteArray());
    }

    Response deployed = admin.send(deployment.post(admin.request("/engine-rest/deployment/create")));

    assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
    assertThat(deployed.json().path("deployedDecisionDefinitions").size()).isEqualTo(decisions);
    TaskTestCases cases = new TaskTestCases(caseRepository, caseProcess, transactions, clock);
    ProcessDefinition shared = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(CaseLifecycle.PROCESS_KEY).withoutTenantId().latestVersion().singleResult();

    CaseRecord own = cases.start(tenant, CaseLifecycle.PROCESS_KEY, lifecycleFacts());
    CaseRecord other = cases.start(otherTenant, CaseLifecycle.PROCESS_KEY, lifecycleFacts());

    ProcessDefinition ownDefinition = definitionOf(own.processInstanceId());
    assertThat(ownDefinition.getTenantId()).isEqualTo(tenant);
    assertThat(ownDefinition.getVersion()).isEqualTo(1);
    assertThat(ownDefinition.getVersionTag()).isEqualTo(versionTag);
    ProcessDefinition otherDefinition = definitionOf(other.processInstanceId());
    assertThat(otherDefinition.getId()).isEqualTo(shared.getId());
    assertThat(otherDefinition.getTenantId()).isNull();
    assertThat(instance(other).getTenantId()).isEqualTo(otherTenant);
    for (CaseRecord c : new CaseRecord[] {own, other}) {
      Task intake = taskService.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult();
      assertThat(intake.getTaskDefinitionKey()).isEqualTo(CaseLifecycle.Elements.TASK_COMPLETE_INTAKE);
      assertThat(intake.getTenantId()).isEqualTo(c.tenantId());
    }
  }

  @Test
  void tenantAdministratorsDeployWithTheModelerOnlyForTheirTenantAndCannotTouchSharedDefinitions() {
    String tenant = fixtures.tenant("generic");
    String otherTenant = fixtures.tenant("generic");
    ApiClient tenantAdmin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ApiClient admin = fixtures.as(fixtures.admin());
    String key = "ModelerGuard_" + tenant.substring(2);
    String diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://x">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_1" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key);

    Response own = tenantAdmin.send(modelerDeployment("guard", tenant, key + ".bpmn", diagram)
        .post(tenantAdmin.request("/engine-rest/deployment/create")));
    assertThat(own.status()).as(own.text()).isEqualTo(200);
    Response shared = tenantAdmin.send(modelerDeployment("guard", null, key + ".bpmn", diagram)
        .post(tenantAdmin.request("/engine-rest/deployment/create")));
    assertThat(shared.status()).as(shared.text()).isEqualTo(403);
    Response foreign = tenantAdmin.send(modelerDeployment("guard", otherTenant, key + ".bpmn", diagram)
        .post(tenantAdmin.request("/engine-rest/deployment/create")));
    assertThat(foreign.status()).as(foreign.text()).isEqualTo(403);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).list())
        .extracting(ProcessDefinition::getTenantId).containsExactly(tenant);

    Response byAdmin = admin.send(modelerDeployment("guard", null, key + ".bpmn", diagram)
        .post(admin.request("/engine-rest/deployment/create")));
    assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(200);
    String sharedDeployment = byAdmin.json().path("id").asText();
    String sharedDefinition = byAdmin.json().path("deployedProcessDefinitions").elements().next().path("id").asText();
    assertThat(tenantAdmin.delete("/engine-rest/deployment/" + sharedDeployment + "?cascade=true").status())
        .isEqualTo(403);
    assertThat(tenantAdmin.put("/engine-rest/process-definition/" + sharedDefinition + "/suspended",
        Map.of("suspended", true, "includeProcessInstances", true)).status()).isEqualTo(403);
    assertThat(repositoryService.getProcessDefinition(sharedDefinition).isSuspended()).isFalse();
    assertThat(repositoryService.createDeploymentQuery().deploymentId(sharedDeployment).count()).isEqualTo(1);
  }

  private Multipart modelerDeployment(String name, String tenantId, String fileName, String diagram) {
    Multipart form = new Multipart()
        .field("deployment-name", name)
        .field("deployment-source", "Camunda Modeler")
        .field("enable-duplicate-filtering", "true");
    if (tenantId != null) {
      form.field("tenant-id", tenantId);
    }
    return form.file(fileName, fileName, "text/xml", diagram.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> lifecycleFacts() {
    return Map.of(Variables.SECTOR, "generic", Variables.CASE_TYPE, "general", Variables.CHANNEL, "api",
        Variables.INTAKE_COMPLETE, false);
  }

  private ProcessDefinition definitionOf(String processInstanceId) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult();
    return repositoryService.getProcessDefinition(instance.getProcessDefinitionId());
  }

  private ProcessInstance instance(CaseRecord c) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).singleResult();
  }

  private static Resource[] attachments() throws IOException {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    Resource[] forms = resolver.getResources("classpath*:forms/*.form");
    Resource[] decisions = resolver.getResources("classpath*:decisions/*.dmn");
    assertThat(forms).isNotEmpty();
    assertThat(decisions).as("the tables of dmn-rules").isNotEmpty();
    Resource[] all = new Resource[forms.length + decisions.length];
    System.arraycopy(forms, 0, all, 0, forms.length);
    System.arraycopy(decisions, 0, all, forms.length, decisions.length);
    return all;
  }

  private static String classpath(String path) throws IOException {
    try (InputStream in = ModelerDeploymentTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
