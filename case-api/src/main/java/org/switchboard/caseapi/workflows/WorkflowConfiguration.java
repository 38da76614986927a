package org.switchboard.caseapi.workflows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Workflow configuration use cases. Administrators manage every workflow; tenant administrators those of
 * their tenants and see (not change) the shared ones; everybody else is refused.
 */
@Component
public class WorkflowConfiguration {

  private final WorkflowDeployments deployments;
  private final TenantDirectory tenants;

  private final AuditRecorder audit;

  public WorkflowConfiguration(WorkflowDeployments deployments, TenantDirectory tenants, AuditRecorder audit) {
    this.audit = audit;
    this.deployments = deployments;
    this.tenants = tenants;
  }

  public Page<Workflow> list(int page, int size) {
    CurrentUser user = requireManager();
    return deployments.list(user.isAdmin() ? null : user.tenantIds(), page, size);
  }

  public Workflow get(String deploymentId) {
    return requireVisible(requireManager(), deploymentId);
  }

  /** A new deployment; {@code tenantId} null makes it shared by every tenant (administrators only). */
  public Workflow deploy(String name, String tenantId, List<WorkflowFile> files) {
    CurrentUser user = requireManager();
    if (tenantId == null) {
      if (!user.isAdmin()) {
        throw ApiException.forbidden("Only administrators deploy shared workflows; give the tenantId to deploy for");
      }
    } else if (tenants.find(tenantId).isEmpty() || !user.canAccessTenant(tenantId)) {
      throw ApiException.notFound("Tenant", tenantId);
    }
    requireFiles(files);
    Workflow deployed = deployments.deploy(name, tenantId, files);
    configured(AuditActions.WORKFLOW_DEPLOYED, deployed, files);
    return deployed;
  }

  /** A new version of a workflow: the files given replace those of the same name, the rest is carried over. */
  public Workflow update(String deploymentId, List<WorkflowFile> files) {
    CurrentUser user = requireManager();
    Workflow previous = requireVisible(user, deploymentId);
    if (previous.shared() && !user.isAdmin()) {
      throw ApiException.forbidden("Only administrators change shared workflows");
    }
    requireFiles(files);
    Workflow deployed = deployments.redeploy(previous, files);
    configured(AuditActions.WORKFLOW_UPDATED, deployed, files);
    return deployed;
  }

  private void configured(String action, Workflow deployed, List<WorkflowFile> files) {
    audit.success(action, deployed.tenantId(), "workflow", deployed.id(),
        Map.of("resources", files.stream().map(WorkflowFile::name).toList()));
  }

  private static CurrentUser requireManager() {
    CurrentUser user = CurrentUser.get();
    if (!user.isAdmin() && !user.inGroup(Roles.TENANT_ADMINS)) {
      throw ApiException.forbidden("Workflow configuration is for administrators and tenant administrators");
    }
    return user;
  }

  private Workflow requireVisible(CurrentUser user, String deploymentId) {
    return deployments.find(deploymentId)
        .filter(w -> w.shared() || user.canAccessTenant(w.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Workflow", deploymentId));
  }

  private static void requireFiles(List<WorkflowFile> files) {
    List<FieldError> errors = new ArrayList<>();
    if (files.isEmpty()) {
      errors.add(new FieldError("files", "at least one .bpmn, .dmn or .form file is required"));
    }
    Set<String> names = new HashSet<>();
    for (WorkflowFile file : files) {
      String field = "files[" + file.name() + "]";
      if (file.kind() == null) {
        errors.add(new FieldError(field, "is not a .bpmn, .dmn or .form file"));
      } else if (file.content().length == 0) {
        errors.add(new FieldError(field, "is empty"));
      } else if (!names.add(WorkflowFile.baseName(file.name()))) {
        errors.add(new FieldError(field, "is given more than once"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
