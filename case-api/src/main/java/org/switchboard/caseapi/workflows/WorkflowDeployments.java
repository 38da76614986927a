package org.switchboard.caseapi.workflows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.switchboard.caseapi.cases.CaseRepository.Page;

/**
 * Workflow configurations as engine deployments (outbound port); {@code workflows.engine.CamundaWorkflowDeployments}
 * is the adapter.
 */
public interface WorkflowDeployments {

  /**
   * Newest first.
   *
   * @param tenantIds tenants whose deployments to include besides the shared ones; null means every deployment
   */
  Page<Workflow> list(Set<String> tenantIds, int page, int size);

  Optional<Workflow> find(String deploymentId);

  /**
   * Deploys the files as one deployment, all or nothing.
   *
   * @throws org.switchboard.caseapi.web.ApiException 400 naming each file the engine refuses (parse errors,
   *     missing history time to live); nothing is deployed then
   */
  Workflow deploy(String name, String tenantId, List<WorkflowFile> files);

  /**
   * A new deployment with the name and tenant of {@code previous}: the files given, plus every resource of
   * {@code previous} they do not replace (same file name). Every definition in it gets a new version.
   *
   * @throws org.switchboard.caseapi.web.ApiException 400 as for {@link #deploy}
   */
  Workflow redeploy(Workflow previous, List<WorkflowFile> files);
}
