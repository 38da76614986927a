package org.switchboard.caseapi.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.tenants.TenantDirectory;

/**
 * Creates isolated test data: a fresh tenant and users in it, with unique ids, so tests sharing one
 * context and database never see each other's cases.
 */
@Component
public class TestFixtures {

  public static final String PASSWORD = "test-password";

  private final IdentityService identityService;
  private final TenantDirectory tenants;
  private final Environment environment;

  public TestFixtures(IdentityService identityService, TenantDirectory tenants, Environment environment) {
    this.identityService = identityService;
    this.tenants = tenants;
    this.environment = environment;
  }

  public String baseUrl() {
    // The port is known only once the server is up, after this bean was created.
    return "http://localhost:" + environment.getProperty("local.server.port");
  }

  /** A new tenant of the given sector; returns its id. */
  public String tenant(String sector) {
    String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.ensure(id, "Test organisation " + id, sector);
    return id;
  }

  /** A new user in the given tenant (may be null) and groups; password {@link #PASSWORD}. */
  public String user(String tenantId, String... groups) {
    String id = "u-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName(id);
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    for (String group : groups) {
      identityService.createMembership(id, group);
    }
    if (tenantId != null) {
      identityService.createTenantUserMembership(tenantId, id);
    }
    return id;
  }

  /** An agent of the tenant who belongs to every default team, so any routed task and case is theirs. */
  public String agent(String tenantId) {
    return user(tenantId, withDefaultTeams(Roles.AGENTS));
  }

  /** A supervisor (and agent) of every default team of the tenant. */
  public String supervisor(String tenantId) {
    return user(tenantId, withDefaultTeams(Roles.SUPERVISORS, Roles.AGENTS));
  }

  private static String[] withDefaultTeams(String... roles) {
    List<String> groups = new ArrayList<>(List.of(roles));
    groups.addAll(Roles.DEFAULT_TEAMS);
    return groups.toArray(String[]::new);
  }

  public String admin() {
    return user(null, Roles.ADMINS);
  }

  /** HTTP client authenticated as the user. */
  public ApiClient as(String userId) {
    return new ApiClient(baseUrl(), userId, PASSWORD);
  }

  /** HTTP client without credentials. */
  public ApiClient anonymous() {
    return new ApiClient(baseUrl(), null, null);
  }
}
