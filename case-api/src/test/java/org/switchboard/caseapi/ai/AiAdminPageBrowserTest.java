package org.switchboard.caseapi.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.HeadlessChromium;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** The admin page in a real headless Chromium: a tenant admin signs in and switches a service off with one click. */
@SwitchboardTest
class AiAdminPageBrowserTest {

  @Autowired TestFixtures fixtures;

  @Test
  void aTenantAdminSwitchesAServiceOffWithOneClickAndTheApiObeys() throws Exception {
    String tenant = fixtures.tenant("generic");
    String admin = fixtures.user(tenant, Roles.TENANT_ADMINS);
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ApiClient api = fixtures.as(admin);
    assertThat(api.put("/api/v1/config/ai-services/sentiment",
        Map.of("providers", java.util.List.of(Map.of("id", "test-primary")), "redaction", false)).status())
        .isEqualTo(200);
    assertThat(agent.post("/api/v1/ai/analyze-sentiment", Map.of("text", "before the click")).status()).isEqualTo(200);

    try (HeadlessChromium browser = new HeadlessChromium()) {
      browser.navigate(fixtures.baseUrl() + "/admin/ai");
      browser.type("#user", admin);
      browser.type("#password", TestFixtures.PASSWORD);
      browser.click("#signin-button");
      browser.waitFor("[data-toggle='sentiment'][aria-checked='true']");
      assertThat(browser.text("#tenant-name")).isEqualTo(tenant);
      assertThat(browser.text("[data-service='sentiment'] [data-provider='test-primary']")).contains("available");

      browser.click("[data-toggle='sentiment']");
      browser.waitFor("[data-toggle='sentiment'][aria-checked='false']");
      assertThat(browser.text("#status")).contains("sentiment is now off");
    }

    JsonNode sentiment = null;
    for (JsonNode s : api.get("/api/v1/config/ai-services").json().path("services")) {
      if (s.path("id").asText().equals("sentiment")) {
        sentiment = s;
      }
    }
    assertThat(sentiment).isNotNull();
    assertThat(sentiment.path("enabled").asBoolean()).isFalse();
    Response call = agent.post("/api/v1/ai/analyze-sentiment", Map.of("text", "after the click"));
    assertThat(call.status()).as(call.toString()).isEqualTo(409);
  }

  @Test
  void thePageIsServedWithStrictHeadersAndHoldsNoData() {
    Response page = fixtures.anonymous().get("/admin/ai/index.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.text()).contains("AI services").doesNotContain("<script>");
    assertThat(fixtures.anonymous().get("/api/v1/config/ai-services").status()).isEqualTo(401);
  }
}
