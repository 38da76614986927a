package org.switchboard.caseapi.knowledgebase;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The knowledge-base admin page ({@code /admin/knowledge-base}): static HTML and JavaScript holding no data, calling
 * {@code /api/v1/knowledge-base} with the user's own credentials. Served under {@code /admin/**}, so it gets the AI
 * admin page's strict headers ({@code ai.web.AdminPage}).
 */
@Controller
public class KnowledgeBaseAdminPage {

  @GetMapping({"/admin/knowledge-base", "/admin/knowledge-base/"})
  public String page() {
    return "forward:/admin/knowledge-base/index.html";
  }
}
