package org.switchboard.caseapi.workflows.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentQuery;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.caseapi.workflows.Workflow;
import org.switchboard.caseapi.workflows.Workflow.Definition;
import org.switchboard.caseapi.workflows.WorkflowDeployments;
import org.switchboard.caseapi.workflows.WorkflowFile;

/** Camunda adapter of {@link WorkflowDeployments}: workflows are deployments in the repository service. */
@Component
public class CamundaWorkflowDeployments implements WorkflowDeployments {

  /** Deployment source of workflows deployed through the API, next to Camunda Modeler's "Camunda Modeler". */
  public static final String SOURCE = "Switchboard API";

  /**
   * The engine's own wording (ENGINE-12018). The engine only says it when no default time to live is configured;
   * Switchboard configures one so Modeler diagrams without it still deploy, but asks it of every model it is given.
   */
  static final String MISSING_TTL = "History Time To Live (TTL) cannot be null. TTL is necessary for the History "
      + "Cleanup to work. Set camunda:historyTimeToLive";

  private final RepositoryService repositoryService;
  private final ObjectMapper mapper;

  public CamundaWorkflowDeployments(RepositoryService repositoryService, ObjectMapper mapper) {
    this.repositoryService = repositoryService;
    this.mapper = mapper;
  }

  @Override
  public Page<Workflow> list(Set<String> tenantIds, int page, int size) {
    DeploymentQuery query = repositoryService.createDeploymentQuery();
    if (tenantIds != null) {
      if (tenantIds.isEmpty()) {
        query.withoutTenantId();
      } else {
        query.tenantIdIn(tenantIds.toArray(String[]::new)).includeDeploymentsWithoutTenantId();
      }
    }
    long total = query.count();
    List<Workflow> items = query.orderByDeploymentTime().desc().orderByDeploymentId().asc()
        .listPage(page * size, size).stream().map(this::toWorkflow).toList();
    return new Page<>(items, page, size, total);
  }

  @Override
  public Optional<Workflow> find(String deploymentId) {
    return Optional.ofNullable(repositoryService.createDeploymentQuery().deploymentId(deploymentId).singleResult())
        .map(this::toWorkflow);
  }

  @Override
  public Workflow deploy(String name, String tenantId, List<WorkflowFile> files) {
    requireDeployable(files);
    DeploymentBuilder builder = repositoryService.createDeployment().name(name).tenantId(tenantId).source(SOURCE);
    files.forEach(file -> builder.addInputStream(file.name(), new ByteArrayInputStream(file.content())));
    return deploy(builder);
  }

  @Override
  public Workflow redeploy(Workflow previous, List<WorkflowFile> files) {
    requireDeployable(files);
    Set<String> replaced = new HashSet<>();
    files.forEach(file -> replaced.add(WorkflowFile.baseName(file.name())));
    List<String> kept = previous.resources().stream()
        .filter(resource -> !replaced.contains(WorkflowFile.baseName(resource)))
        .toList();
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(previous.name()).tenantId(previous.tenantId()).source(SOURCE);
    files.forEach(file -> builder.addInputStream(file.name(), new ByteArrayInputStream(file.content())));
    if (!kept.isEmpty()) {
      builder.addDeploymentResourcesByName(previous.id(), kept);
    }
    return deploy(builder);
  }

  private Workflow deploy(DeploymentBuilder builder) {
    try {
      return toWorkflow(builder.deployWithResult());
    } catch (ParseException e) {
      throw ApiException.invalid(problems(e));
    } catch (ProcessEngineException e) {
      // DMN errors and invalid values arrive as plain engine exceptions; anything else is not the uploader's fault.
      if (causedBy(e, DmnEngineException.class) || causedBy(e, ModelException.class)
          || causedBy(e, NotValidException.class)) {
        String message = message(e);
        String field = builder.getResourceNames().stream()
            .filter(resource -> message.contains("'" + resource + "'"))
            .findFirst().map(resource -> "files[" + resource + "]").orElse("files");
        throw ApiException.invalid(field, message);
      }
      throw e;
    }
  }

  /**
   * What the engine's parser does not refuse here but Switchboard does: executable processes and decisions
   * without a history time to live, and forms that are not a form-js object with an id. Unreadable XML is left
   * to the engine, whose parse errors are more precise.
   */
  private void requireDeployable(List<WorkflowFile> files) {
    List<FieldError> errors = new ArrayList<>();
    for (WorkflowFile file : files) {
      String field = "files[" + file.name() + "]";
      switch (file.kind()) {
        case BPMN -> {
          try {
            for (Process process : Bpmn.readModelFromStream(new ByteArrayInputStream(file.content()))
                .getModelElementsByType(Process.class)) {
              if (process.isExecutable() && blank(process.getCamundaHistoryTimeToLiveString())) {
                errors.add(new FieldError(field, MISSING_TTL + " on process '" + process.getId() + "'"));
              }
            }
          } catch (ModelException unreadable) {
            // reported by the engine's parser with line and column
          }
        }
        case DMN -> {
          try {
            for (Decision decision : Dmn.readModelFromStream(new ByteArrayInputStream(file.content()))
                .getModelElementsByType(Decision.class)) {
              if (blank(decision.getCamundaHistoryTimeToLiveString())) {
                errors.add(new FieldError(field, MISSING_TTL + " on decision '" + decision.getId() + "'"));
              }
            }
          } catch (ModelException unreadable) {
            // reported by the engine
          }
        }
        case FORM -> {
          String problem = formProblem(file.content());
          if (problem != null) {
            errors.add(new FieldError(field, problem));
          }
        }
        default -> throw new IllegalArgumentException("Not a workflow file: " + file.name());
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  private String formProblem(byte[] content) {
    try {
      JsonNode form = mapper.readTree(content);
      if (form == null || !form.isObject()) {
        return "is not a Camunda Form (a JSON object)";
      }
      if (!form.path("id").isTextual() || form.path("id").asText().isBlank()) {
        return "has no form id; camunda:formRef refers to forms by their id";
      }
      if (!form.path("components").isArray()) {
        return "has no components";
      }
      return null;
    } catch (JsonProcessingException e) {
      return "is not valid JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<FieldError> problems(ParseException e) {
    List<FieldError> errors = new ArrayList<>();
    for (ResourceReport report : e.getResorceReports()) {
      for (Problem problem : report.getErrors()) {
        StringBuilder message = new StringBuilder(problem.getMessage());
        if (problem.getLine() > 0) {
          message.append(" (line ").append(problem.getLine()).append(", column ").append(problem.getColumn());
          if (problem.getMainElementId() != null) {
            message.append(", element ").append(problem.getMainElementId());
          }
          message.append(')');
        }
        errors.add(new FieldError("files[" + report.getResourceName() + "]", message.toString()));
      }
    }
    if (errors.isEmpty()) {
      errors.add(new FieldError("files", e.getMessage()));
    }
    return errors;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The engine's message with the most specific cause, which names what is wrong in the file. */
  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private Workflow toWorkflow(Deployment deployment) {
    String id = deployment.getId();
    List<Definition> processes = repositoryService.createProcessDefinitionQuery().deploymentId(id)
        .orderByProcessDefinitionKey().asc().list().stream().map(CamundaWorkflowDeployments::definition).toList();
    List<Definition> decisions = repositoryService.createDecisionDefinitionQuery().deploymentId(id)
        .orderByDecisionDefinitionKey().asc().list().stream().map(CamundaWorkflowDeployments::definition).toList();
    List<String> resources = repositoryService.getDeploymentResourceNames(id).stream().sorted().toList();
    return new Workflow(id, deployment.getName(), deployment.getSource(), deployment.getTenantId(),
        deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant(), resources,
        processes, decisions);
  }

  private static Definition definition(ProcessDefinition d) {
    return new Definition(d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getVersionTag(), d.getTenantId(),
        d.getResourceName());
  }

  private static Definition definition(DecisionDefinition d) {
    return new Definition(d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getVersionTag(), d.getTenantId(),
        d.getResourceName());
  }
}
