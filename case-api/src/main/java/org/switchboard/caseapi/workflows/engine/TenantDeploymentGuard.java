package org.switchboard.caseapi.workflows.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.stereotype.Component;

/**
 * Keeps deployments through {@code /engine-rest} (Camunda Modeler, scripts) inside the deployer's tenants.
 * Camunda checks the CREATE permission on deployments but not the tenant a deployment is made for, so a
 * tenant administrator could otherwise deploy for any tenant, or a shared definition that every tenant's new
 * cases would start. Administrators may deploy anything; unauthenticated deployments (start-up, the workflow
 * API, which applies its own tenant rules) are not touched.
 */
@Component
public class TenantDeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    if (configuration.getCustomPreDeployers() != null) {
      deployers.addAll(configuration.getCustomPreDeployers());
    }
    deployers.add(this);
    configuration.setCustomPreDeployers(deployers);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a deployment loaded again into the cache, not being made
    }
    CommandContext context = Context.getCommandContext();
    Authentication user = context.getAuthentication();
    // Deployers run with authorization checks suspended, so ask the configuration, not the command context.
    if (user == null || !context.getProcessEngineConfiguration().isAuthorizationEnabled()
        || context.getAuthorizationManager().isCamundaAdmin(user)) {
      return;
    }
    String tenantId = deployment.getTenantId();
    if (tenantId == null) {
      throw new AuthorizationException("User '" + user.getUserId() + "' may not deploy shared definitions; "
          + "only administrators may. Set the tenant id of the deployment.");
    }
    if (user.getTenantIds() == null || !user.getTenantIds().contains(tenantId)) {
      throw new AuthorizationException("User '" + user.getUserId() + "' may not deploy for tenant '" + tenantId
          + "'.");
    }
  }
}
