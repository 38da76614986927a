package org.switchboard.caseapi.knowledgebase;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.knowledgebase.ArticleWarnings.Warning;
import org.switchboard.caseapi.knowledgebase.KnowledgeBaseUseCases.ArticleFields;
import org.switchboard.caseapi.knowledgebase.KnowledgeBaseUseCases.ImportResult;

@RestController
@RequestMapping("/api/v1/knowledge-base")
@Tag(name = "Knowledge base", description = "A tenant's question-and-answer articles: the offline FAQ bot answers "
    + "from the published ones and next best action suggests them")
public class KnowledgeBaseController {

  private final KnowledgeBaseUseCases useCases;
  private final ArticleWarnings warnings;

  public KnowledgeBaseController(KnowledgeBaseUseCases useCases, ArticleWarnings warnings) {
    this.useCases = useCases;
    this.warnings = warnings;
  }

  @GetMapping("/articles")
  @Operation(summary = "The tenant's articles, oldest first; q searches questions and answers. Agents and "
      + "supervisors see published articles only")
  public Page<ArticleView> listArticles(@RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String q, @RequestParam(required = false) String tag,
      @RequestParam(required = false) String status, @RequestParam(required = false) String language,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    Page<KnowledgeArticle> result = useCases.list(new KnowledgeBaseUseCases.Filter(tenantId, q, tag, status,
        language, page, size));
    return new Page<>(result.items().stream().map(a -> ArticleView.of(a, List.of())).toList(), result.page(),
        result.size(), result.total());
  }

  @PostMapping("/articles")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an article (status DRAFT unless given); warnings name fields that look like "
      + "personal data")
  public ArticleView createArticle(@Valid @RequestBody ArticleRequest request) {
    return view(useCases.create(request.tenantId(), request.fields()));
  }

  @GetMapping("/articles/{articleId}")
  @Operation(summary = "An article; drafts and archived articles for tenant administrators only")
  public ArticleView getArticle(@PathVariable String articleId) {
    return view(useCases.get(articleId));
  }

  @PutMapping("/articles/{articleId}")
  @Operation(summary = "Replace an article, also to publish or archive it (status); a stale version answers 409")
  public ArticleView updateArticle(@PathVariable String articleId, @Valid @RequestBody ArticleRequest request) {
    return view(useCases.update(articleId, request.fields(), request.version()));
  }

  @DeleteMapping("/articles/{articleId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete an article (archiving keeps it for the record)")
  public void deleteArticle(@PathVariable String articleId) {
    useCases.delete(articleId);
  }

  @PostMapping("/import-defaults")
  @Operation(summary = "Copy the shipped FAQ of the organisation's sector into its knowledge base; entries "
      + "imported before are skipped")
  public ImportResult importDefaults(@Valid @RequestBody(required = false) ImportRequest request) {
    ImportRequest r = request == null ? new ImportRequest(null, null, null) : request;
    return useCases.importDefaults(r.tenantId(), r.sector(), r.status());
  }

  private ArticleView view(KnowledgeArticle a) {
    return ArticleView.of(a, warnings.of(a));
  }

  /**
   * @param tenantId organisation; may be left out by callers who belong to exactly one (ignored on update)
   * @param language ISO 639-1, e.g. en, es
   * @param status DRAFT (default on create), PUBLISHED or ARCHIVED; left out on update keeps the current one
   * @param version the version read; required on update
   */
  public record ArticleRequest(
      @Size(max = 64) String tenantId,
      @Size(max = KnowledgeBaseUseCases.MAX_QUESTION) String question,
      @Size(max = KnowledgeBaseUseCases.MAX_ALTERNATIVES) List<String> alternativeQuestions,
      @Size(max = KnowledgeBaseUseCases.MAX_ANSWER) String answer,
      @Size(max = 8) String language,
      @Size(max = KnowledgeBaseUseCases.MAX_TAGS) List<String> tags,
      @Size(max = 16) String status,
      Long version) {

    ArticleFields fields() {
      return new ArticleFields(question, alternativeQuestions, answer, language, tags, status);
    }
  }

  /** @param sector defaults to the organisation's; @param status of the imported articles, default PUBLISHED */
  public record ImportRequest(@Size(max = 64) String tenantId, @Size(max = 64) String sector,
      @Size(max = 16) String status) {
  }

  public record ArticleView(String id, String tenantId, String question, List<String> alternativeQuestions,
      String answer, String language, List<String> tags, String status, String sourceKey, Instant createdAt,
      String createdBy, Instant updatedAt, String updatedBy, long version, List<Warning> warnings) {

    static ArticleView of(KnowledgeArticle a, List<Warning> warnings) {
      return new ArticleView(a.id(), a.tenantId(), a.question(), a.alternativeQuestions(), a.answer(), a.language(),
          a.tags(), a.status().name(), a.sourceKey(), a.createdAt(), a.createdBy(), a.updatedAt(), a.updatedBy(),
          a.version(), warnings);
    }
  }
}
