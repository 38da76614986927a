package org.switchboard.caseapi.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.HeadlessChromium;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/**
 * The knowledge-base admin page in a real headless Chromium: a tenant admin writes an article, is told which field
 * is missing, saves it as a draft and publishes it with one click; agents then read it through the API.
 */
@SwitchboardTest
class KnowledgeBaseAdminPageBrowserTest {

  @Autowired TestFixtures fixtures;

  @Test
  void aTenantAdminWritesAnArticleAndPublishesItWithOneClick() throws Exception {
    String tenant = fixtures.tenant("customer-service");
    String admin = fixtures.user(tenant, Roles.TENANT_ADMINS);

    try (HeadlessChromium browser = new HeadlessChromium()) {
      browser.navigate(fixtures.baseUrl() + "/admin/knowledge-base");
      browser.type("#user", admin);
      browser.type("#password", TestFixtures.PASSWORD);
      browser.click("#signin-button");
      browser.waitFor("#articles:not([hidden])");
      assertThat(browser.text("#count")).isEqualTo("0–0 of 0");

      browser.click("#new");
      browser.waitFor("#editor:not([hidden])");
      browser.type("#question", "Do you have a loyalty card?");
      browser.type("#alternatives", "How do I join the rewards programme?");
      browser.click("#save");
      browser.waitFor("#editor-errors [data-field='answer']");
      assertThat(browser.text("#editor-errors")).contains("answer: must not be empty");

      browser.type("#answer", "Yes: our loyalty card is free, ask for one at any till.");
      browser.type("#tags", "loyalty");
      browser.click("#save");
      browser.waitFor("#rows [data-status='DRAFT']");
      assertThat(browser.text("#status")).contains("saved (draft)");

      browser.click("#rows [data-publish]");
      browser.waitFor("#rows [data-status='PUBLISHED']");
      assertThat(browser.text("#status")).contains("is now published");
    }

    Response list = fixtures.as(fixtures.agent(tenant)).get("/api/v1/knowledge-base/articles");
    assertThat(list.status()).isEqualTo(200);
    JsonNode article = list.json().path("items").get(0);
    assertThat(article.path("question").asText()).isEqualTo("Do you have a loyalty card?");
    assertThat(article.path("alternativeQuestions").get(0).asText()).isEqualTo("How do I join the rewards programme?");
    assertThat(article.path("tags").get(0).asText()).isEqualTo("loyalty");
    assertThat(article.path("version").asLong()).isEqualTo(2);
  }

  @Test
  void anAgentReadsPublishedArticlesOnlyAndIsToldWritingIsForAdministrators() throws Exception {
    Response page = fixtures.anonymous().get("/admin/knowledge-base/index.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.text()).contains("Knowledge base").doesNotContain("<script>");

    String tenant = fixtures.tenant("customer-service");
    var admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    assertThat(admin.post("/api/v1/knowledge-base/articles", java.util.Map.of("question", "Published?",
        "answer", "Yes.", "language", "en", "status", "PUBLISHED")).status()).isEqualTo(201);
    assertThat(admin.post("/api/v1/knowledge-base/articles", java.util.Map.of("question", "Draft?",
        "answer", "Not yet.", "language", "en")).status()).isEqualTo(201);

    try (HeadlessChromium browser = new HeadlessChromium()) {
      browser.navigate(fixtures.baseUrl() + "/admin/knowledge-base");
      browser.type("#user", fixtures.agent(tenant));
      browser.type("#password", TestFixtures.PASSWORD);
      browser.click("#signin-button");
      browser.waitFor("#rows [data-status='PUBLISHED']");
      assertThat(browser.text("#rows")).contains("Published?").doesNotContain("Draft?");

      browser.click("#import");
      browser.awaitTrue("document.getElementById('status').textContent.length > 0");
      assertThat(browser.text("#status")).contains("You may read published articles only");
    }
    assertThat(admin.get("/api/v1/knowledge-base/articles").json().path("total").asLong()).isEqualTo(2);
  }
}
