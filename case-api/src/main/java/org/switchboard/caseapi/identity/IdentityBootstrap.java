package org.switchboard.caseapi.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.config.SwitchboardProperties;

/**
 * Makes sure the roles, teams and the first administrator exist. Idempotent: runs on every start and
 * only adds what is missing, so an admin's later changes are kept.
 */
@Component
@Order(0)
public class IdentityBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final SwitchboardProperties properties;

  public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
      SwitchboardProperties properties) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureGroup(Roles.AGENTS, "Agents", Roles.ROLE_GROUP_TYPE);
    ensureGroup(Roles.SUPERVISORS, "Supervisors", Roles.ROLE_GROUP_TYPE);
    ensureGroup(Roles.ADMINS, "Administrators", Roles.ROLE_GROUP_TYPE);
    ensureGroup(Roles.AUDITORS, "Auditors", Roles.ROLE_GROUP_TYPE);
    ensureGroup(Roles.TENANT_ADMINS, "Tenant administrators", Roles.ROLE_GROUP_TYPE);
    ensureGroup(Roles.CAMUNDA_ADMIN, "Camunda administrators", Roles.ROLE_GROUP_TYPE);
    ensureGroup(Roles.SERVICE_ACCOUNTS, "Service accounts", Roles.ROLE_GROUP_TYPE);
    Roles.DEFAULT_TEAMS.forEach(team -> ensureGroup(team, title(team), Roles.TEAM_GROUP_TYPE));

    for (Resource resource : Resources.values()) {
      grant(Roles.ADMINS, resource, Permissions.ALL);
      grant(Roles.CAMUNDA_ADMIN, resource, Permissions.ALL);
    }
    grant(Roles.AGENTS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(Roles.AGENTS, Resources.PROCESS_DEFINITION, Permissions.READ);
    grant(Roles.AGENTS, Resources.DEPLOYMENT, Permissions.READ);
    grant(Roles.AGENTS, Resources.FILTER, Permissions.READ);

    grant(Roles.SUPERVISORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(Roles.SUPERVISORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Roles.SUPERVISORS, Resources.PROCESS_DEFINITION, Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK);
    grant(Roles.SUPERVISORS, Resources.PROCESS_INSTANCE, Permissions.READ);
    grant(Roles.SUPERVISORS, Resources.TASK, Permissions.READ, Permissions.UPDATE);
    grant(Roles.SUPERVISORS, Resources.DECISION_DEFINITION, Permissions.READ, Permissions.READ_HISTORY);
    grant(Roles.SUPERVISORS, Resources.DEPLOYMENT, Permissions.READ);
    grant(Roles.SUPERVISORS, Resources.FILTER, Permissions.READ);

    grant(Roles.TENANT_ADMINS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Roles.TENANT_ADMINS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    // Definition-level rights (delete, suspend, update) would reach the shared definitions every tenant runs:
    // Camunda's tenant check lets everybody at resources without a tenant. Tenant admins therefore get rights on
    // instances (tenant-scoped) only, deploy without delete, and TenantDeploymentGuard keeps deployments in
    // their tenants.
    grant(Roles.TENANT_ADMINS, Resources.DEPLOYMENT, Permissions.READ, Permissions.CREATE);
    grant(Roles.TENANT_ADMINS, Resources.PROCESS_DEFINITION, Permissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE,
        ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.TASK_WORK,
        ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE,
        ProcessDefinitionPermissions.UPDATE_TASK_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
    grant(Roles.TENANT_ADMINS, Resources.DECISION_DEFINITION, Permissions.READ, Permissions.READ_HISTORY,
        Permissions.CREATE_INSTANCE);
    grant(Roles.TENANT_ADMINS, Resources.DECISION_REQUIREMENTS_DEFINITION, Permissions.READ);
    grant(Roles.TENANT_ADMINS, Resources.PROCESS_INSTANCE, Permissions.ALL);
    grant(Roles.TENANT_ADMINS, Resources.TASK, Permissions.ALL);
    grant(Roles.TENANT_ADMINS, Resources.FILTER, Permissions.READ);

    grant(Roles.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Roles.AUDITORS, Resources.PROCESS_DEFINITION, Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    grant(Roles.AUDITORS, Resources.PROCESS_INSTANCE, Permissions.READ);
    grant(Roles.AUDITORS, Resources.DECISION_DEFINITION, Permissions.READ, Permissions.READ_HISTORY);
    grant(Roles.AUDITORS, Resources.DEPLOYMENT, Permissions.READ);

    // Remote external-task workers (docs/workers.md) log in as service accounts to fetch, lock and complete
    // external tasks over /engine-rest; the tenant check still limits them to their tenants' tasks.
    grant(Roles.SERVICE_ACCOUNTS, Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    grant(Roles.SERVICE_ACCOUNTS, Resources.PROCESS_INSTANCE, Permissions.READ, Permissions.UPDATE);

    ensureAdministrator();
  }

  private void ensureAdministrator() {
    String username = properties.admin().username();
    if (identityService.createUserQuery().userId(username).count() > 0) {
      ensureWebappSetupClosed(username);
      return;
    }
    String password = properties.admin().password();
    boolean generated = password == null || password.isBlank();
    if (generated) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    User admin = identityService.newUser(username);
    admin.setFirstName("Switchboard");
    admin.setLastName("Administrator");
    admin.setPassword(password);
    identityService.saveUser(admin);
    identityService.createMembership(username, Roles.ADMINS);
    ensureWebappSetupClosed(username);
    if (generated) {
      // Shown once: it is stored only as a salted hash. Set SWITCHBOARD_ADMIN_PASSWORD to choose it instead.
      log.warn("""

          ==================================================================
           Created user '{}' with generated password: {}
           It is not shown again. Change it in Admin (/camunda/app/admin).
          ==================================================================""", username, password);
    } else {
      log.info("Created user '{}' with the password from SWITCHBOARD_ADMIN_PASSWORD", username);
    }
  }

  /**
   * Camunda's webapps offer anyone a "create the first administrator" page while {@code camunda-admin}
   * has no member. The administrator joins it so that page is never open.
   */
  private void ensureWebappSetupClosed(String username) {
    if (identityService.createUserQuery().memberOfGroup(Roles.CAMUNDA_ADMIN).count() == 0) {
      identityService.createMembership(username, Roles.CAMUNDA_ADMIN);
    }
  }

  public void ensureGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  private void grant(String groupId, Resource resource, Permission... permissions) {
    grant(groupId, resource, Authorization.ANY, permissions);
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    boolean exists = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
    if (exists) {
      return;
    }
    Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    List.of(permissions).forEach(authorization::addPermission);
    authorizationService.saveAuthorization(authorization);
  }

  private static String title(String team) {
    String words = team.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
