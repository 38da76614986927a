package org.switchboard.caseapi.demo;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.tenants.TenantDirectory;

/**
 * The {@code demo} profile: one organisation per sector with an agent, a supervisor and an
 * administrator each, all with the password {@value #PASSWORD}, so a newcomer can log in to Tasklist,
 * Cockpit and the API at once (docs/demo.md). Runs after the identity and default-tenant bootstraps,
 * whose groups it uses. Idempotent: only what is missing is created, so changes made later (a new
 * password, extra groups) are kept.
 */
@Component
@Profile("demo")
@Order(10)
public class DemoDataSeeder implements ApplicationRunner {

  public static final String PASSWORD = "demo";

  /** The demo organisations: tenant id, name, sector, user-id prefix, the teams its people work in. */
  public static final List<DemoTenant> TENANTS = List.of(
      new DemoTenant("demo-survivor-support", "Demo survivor support service", "survivor-support", "ss",
          List.of("survivor-support-team", "crisis-team")),
      new DemoTenant("demo-healthcare", "Demo healthcare provider", "healthcare", "hc",
          List.of("clinical-team", "crisis-team")),
      new DemoTenant("demo-customer-service", "Demo customer service", "customer-service", "cs",
          List.of("customer-care-team", "general-team")));

  private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

  private final TenantDirectory tenants;
  private final IdentityService identityService;

  public DemoDataSeeder(TenantDirectory tenants, IdentityService identityService) {
    this.tenants = tenants;
    this.identityService = identityService;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (DemoTenant tenant : TENANTS) {
      tenants.ensure(tenant.id(), tenant.name(), tenant.sector());
      ensureUser(tenant, tenant.agent(), "Agent", groups(List.of(Roles.AGENTS), tenant.teams()));
      ensureUser(tenant, tenant.supervisor(), "Supervisor",
          groups(List.of(Roles.SUPERVISORS, Roles.AGENTS), tenant.teams()));
      ensureUser(tenant, tenant.admin(), "Administrator", List.of(Roles.TENANT_ADMINS, Roles.SUPERVISORS));
    }
    log.info(loginTable());
  }

  private void ensureUser(DemoTenant tenant, String userId, String role, List<String> groups) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      user.setFirstName("Demo " + role);
      user.setLastName(tenant.name());
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    for (String group : groups) {
      if (identityService.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
        identityService.createMembership(userId, group);
      }
    }
    if (identityService.createTenantQuery().tenantId(tenant.id()).userMember(userId).count() == 0) {
      identityService.createTenantUserMembership(tenant.id(), userId);
    }
  }

  private static List<String> groups(List<String> roles, List<String> teams) {
    List<String> groups = new ArrayList<>(roles);
    groups.addAll(teams);
    return groups;
  }

  static String loginTable() {
    StringBuilder table = new StringBuilder("""

        ======================================================================================
         Demo profile: logins (password "%s" for all; never use this profile in production)
         %-24s %-12s %-16s %s
        """.formatted(PASSWORD, "tenant", "agent", "supervisor", "admin"));
    for (DemoTenant tenant : TENANTS) {
      table.append(" %-24s %-12s %-16s %s%n".formatted(tenant.id(), tenant.agent(), tenant.supervisor(),
          tenant.admin()));
    }
    return table.append("""
         Tasklist/Cockpit: /camunda   API: /api/v1 (HTTP basic)   Docs: docs/demo.md
        ======================================================================================""").toString();
  }

  /** One demo organisation; its users are {@code <prefix>-agent}, {@code -supervisor} and {@code -admin}. */
  public record DemoTenant(String id, String name, String sector, String prefix, List<String> teams) {

    public String agent() {
      return prefix + "-agent";
    }

    public String supervisor() {
      return prefix + "-supervisor";
    }

    public String admin() {
      return prefix + "-admin";
    }
  }
}
