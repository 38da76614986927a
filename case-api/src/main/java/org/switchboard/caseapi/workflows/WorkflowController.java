package org.switchboard.caseapi.workflows;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.caseapi.cases.CaseRepository.Page;

@RestController
@RequestMapping("/api/v1/config/workflows")
@Tag(name = "Workflow configuration", description = "BPMN processes, DMN decisions and Camunda Forms, deployed to the engine")
public class WorkflowController {

  private final WorkflowConfiguration workflows;

  public WorkflowController(WorkflowConfiguration workflows) {
    this.workflows = workflows;
  }

  @GetMapping
  @Operation(summary = "Deployments with their process and decision definitions, newest first",
      description = "Administrators see all; tenant administrators their tenants' and the shared ones.")
  public Page<Workflow> list(@RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return workflows.list(page, size);
  }

  @GetMapping("/{deploymentId}")
  @Operation(summary = "One deployment with its definitions")
  public Workflow get(@PathVariable String deploymentId) {
    return workflows.get(deploymentId);
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Deploy .bpmn, .dmn and .form files as a new workflow",
      description = "Without tenantId the workflow is shared by every tenant (administrators only). All files are "
          + "deployed together or, on any parse error, none.")
  public ResponseEntity<Workflow> deploy(@Valid @ModelAttribute DeployWorkflowRequest request) {
    String tenantId = request.tenantId() == null || request.tenantId().isBlank() ? null : request.tenantId();
    Workflow deployed = workflows.deploy(request.name().trim(), tenantId, files(request.files()));
    return ResponseEntity.created(URI.create("/api/v1/config/workflows/" + deployed.id())).body(deployed);
  }

  @PutMapping(path = "/{deploymentId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Deploy a new version of a workflow",
      description = "A new deployment with the same name and tenant: the files given, plus the resources of the "
          + "old deployment they do not replace (by file name).")
  public Workflow update(@PathVariable String deploymentId, @ModelAttribute UpdateWorkflowRequest request) {
    return workflows.update(deploymentId, files(request.files()));
  }

  private static List<WorkflowFile> files(List<MultipartFile> parts) {
    List<WorkflowFile> files = new ArrayList<>();
    if (parts == null) {
      return files;
    }
    for (MultipartFile part : parts) {
      if (part.isEmpty() && (part.getOriginalFilename() == null || part.getOriginalFilename().isBlank())) {
        continue; // an empty file input of an HTML form
      }
      String name = part.getOriginalFilename() == null || part.getOriginalFilename().isBlank()
          ? part.getName() : WorkflowFile.baseName(part.getOriginalFilename());
      try {
        files.add(new WorkflowFile(name, part.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Multipart form: {@code name}, optional {@code tenantId}, one or more {@code files}. */
  public record DeployWorkflowRequest(
      @NotBlank @Size(max = 255) String name,
      @Size(max = 64) String tenantId,
      List<MultipartFile> files) {
  }

  /** Multipart form: one or more {@code files}. */
  public record UpdateWorkflowRequest(List<MultipartFile> files) {
  }
}
