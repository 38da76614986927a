package org.switchboard.caseapi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class PlatformSecurityTest {

  @Autowired
  TestFixtures fixtures;

  @Test
  void apiRefusesUnauthenticatedCallsWithProblemJson() {
    ApiClient.Response response = fixtures.anonymous().get("/api/v1/cases");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void apiRefusesWrongPassword() {
    String agent = fixtures.agent(fixtures.tenant("generic"));

    ApiClient.Response response = new ApiClient(fixtures.baseUrl(), agent, "wrong").get("/api/v1/cases");

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void engineRestRequiresBasicAuthentication() {
    assertThat(fixtures.anonymous().get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(fixtures.anonymous().get("/engine-rest/version").status()).isEqualTo(401);

    String admin = fixtures.admin();
    ApiClient.Response version = fixtures.as(admin).get("/engine-rest/version");
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.json().path("version").asText()).isEqualTo("7.24.0");
  }

  @Test
  void unknownApiPathsAnswerProblemJson() {
    ApiClient admin = fixtures.as(fixtures.admin());

    // No row of the permission matrix matches an unknown path or method, so it is refused (fail closed, docs/security.md).
    ApiClient.Response missing = admin.get("/api/v1/no-such-thing");
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");

    ApiClient.Response wrongMethod = admin.put("/api/v1/cases", "{}");
    assertThat(wrongMethod.status()).isEqualTo(403);
    assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void webappSetupPageCannotCreateAnotherAdministrator() {
    ApiClient.Response setup = fixtures.anonymous().post("/camunda/api/admin/setup/default/user/create",
        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\"},"
            + "\"credentials\":{\"password\":\"intruder-password\"}}");

    assertThat(setup.status()).as(setup.toString()).isEqualTo(403);
    assertThat(fixtures.as(fixtures.admin()).get("/engine-rest/user/intruder/profile").status()).isEqualTo(404);
  }

  @Test
  void webappsAreServed() {
    ApiClient.Response cockpit = fixtures.anonymous().get("/camunda/app/cockpit/default/");
    for (int hop = 0; hop < 3 && cockpit.status() == 302; hop++) {
      String location = cockpit.header("Location");
      assertThat(location).contains("/camunda/");
      cockpit = fixtures.anonymous().get(location.replaceFirst("^https?://[^/]+", ""));
    }
    assertThat(cockpit.status()).isEqualTo(200);
    assertThat(cockpit.text()).containsIgnoringCase("cockpit");
  }
}
