package org.switchboard.caseapi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.tenants.TenantDirectory.TenantConfig;

/**
 * Runs the demo seeder against the shared test context (the demo profile itself would start a second
 * context): demo tenants, users, memberships, and a working login.
 */
@SwitchboardTest
class DemoDataSeederTest {

  @Autowired
  TenantDirectory tenants;
  @Autowired
  IdentityService identityService;
  @Autowired
  TestFixtures fixtures;

  @Test
  void seedsOneTenantPerSectorWithAgentSupervisorAndAdminAndIsIdempotent() {
    DemoDataSeeder seeder = new DemoDataSeeder(tenants, identityService);
    seeder.run(null);
    seeder.run(null);

    assertThat(tenants.find("demo-survivor-support")).map(TenantConfig::sector).contains("survivor-support");
    assertThat(tenants.find("demo-healthcare")).map(TenantConfig::sector).contains("healthcare");
    assertThat(tenants.find("demo-customer-service")).map(TenantConfig::sector).contains("customer-service");

    assertThat(groupsOf("ss-agent")).containsExactlyInAnyOrder(Roles.AGENTS, "survivor-support-team", "crisis-team");
    assertThat(groupsOf("ss-supervisor")).containsExactlyInAnyOrder(Roles.SUPERVISORS, Roles.AGENTS,
        "survivor-support-team", "crisis-team");
    assertThat(groupsOf("ss-admin")).containsExactlyInAnyOrder(Roles.TENANT_ADMINS, Roles.SUPERVISORS);
    assertThat(groupsOf("hc-agent")).containsExactlyInAnyOrder(Roles.AGENTS, "clinical-team", "crisis-team");
    assertThat(groupsOf("hc-supervisor")).containsExactlyInAnyOrder(Roles.SUPERVISORS, Roles.AGENTS,
        "clinical-team", "crisis-team");
    assertThat(groupsOf("cs-agent")).containsExactlyInAnyOrder(Roles.AGENTS, "customer-care-team", "general-team");
    assertThat(groupsOf("cs-admin")).containsExactlyInAnyOrder(Roles.TENANT_ADMINS, Roles.SUPERVISORS);

    for (DemoDataSeeder.DemoTenant tenant : DemoDataSeeder.TENANTS) {
      for (String user : List.of(tenant.agent(), tenant.supervisor(), tenant.admin())) {
        assertThat(identityService.checkPassword(user, DemoDataSeeder.PASSWORD)).as(user).isTrue();
        assertThat(identityService.createTenantQuery().userMember(user).list())
            .as("tenants of %s", user)
            .extracting(t -> t.getId()).containsExactly(tenant.id());
      }
    }
  }

  @Test
  void aDemoAgentCanLogInToTheApis() {
    new DemoDataSeeder(tenants, identityService).run(null);
    ApiClient agent = new ApiClient(fixtures.baseUrl(), "ss-agent", DemoDataSeeder.PASSWORD);

    assertThat(agent.get("/engine-rest/task").status()).isEqualTo(200);
    assertThat(agent.get("/api/v1/cases").status()).isNotEqualTo(401);
    assertThat(new ApiClient(fixtures.baseUrl(), "ss-agent", "wrong").get("/api/v1/cases").status())
        .isEqualTo(401);
  }

  @Test
  void runsOnlyInTheDemoProfile() {
    assertThat(DemoDataSeeder.class.getAnnotation(Profile.class).value()).containsExactly("demo");
  }

  @Test
  void printsTheLogins() {
    assertThat(DemoDataSeeder.loginTable()).contains("ss-agent", "hc-supervisor", "cs-admin", "\"demo\"");
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }
}
