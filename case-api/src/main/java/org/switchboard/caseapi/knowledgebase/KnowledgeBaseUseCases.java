package org.switchboard.caseapi.knowledgebase;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.ai.web.AiTenants;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.knowledgebase.KnowledgeArticle.ArticleStatus;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.ai.Chatbot.FaqEntry;
import org.switchboard.workers.ai.offline.faq.DefaultFaqs;

/**
 * A tenant's knowledge base: articles written and published by the tenant's administrators, read (published only)
 * by agents and supervisors. Every change is audited as {@link #ARTICLE_CHANGED}; like the other configuration of a
 * tenant (AI services, canned responses, templates) it emits no domain event.
 */
@Component
public class KnowledgeBaseUseCases {

  /** A knowledge-base article was created, changed (status too), deleted or imported; details say which fields. */
  public static final String ARTICLE_CHANGED = "KNOWLEDGE_ARTICLE_CHANGED";

  static final int MAX_QUESTION = 500;
  static final int MAX_ALTERNATIVES = 20;
  static final int MAX_ANSWER = 4000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 50;
  static final int MAX_PAGE_SIZE = 100;
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private final KnowledgeArticleRepository articles;
  private final AiTenants tenants;
  private final TenantDirectory directory;
  private final AuditRecorder audit;
  private final Clock clock;

  public KnowledgeBaseUseCases(KnowledgeArticleRepository articles, AiTenants tenants, TenantDirectory directory,
      AuditRecorder audit, Clock clock) {
    this.articles = articles;
    this.tenants = tenants;
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a person wrote; nulls for lists mean empty, a null status means DRAFT on create. */
  public record ArticleFields(String question, List<String> alternativeQuestions, String answer, String language,
      List<String> tags, String status) {
  }

  public record Filter(String tenantId, String q, String tag, String status, String language, Integer page,
      Integer size) {
  }

  public record ImportResult(String tenantId, String sector, List<String> importedIds, int skipped) {
  }

  // ---------------------------------------------------------------------------------------------------- reads

  /** Readers (agents, supervisors) see published articles only, whatever status they ask for. */
  public Page<KnowledgeArticle> list(Filter f) {
    List<FieldError> errors = new ArrayList<>();
    ArticleStatus status = status(f.status(), errors);
    String language = f.language() == null || f.language().isBlank() ? null : language(f.language(), errors);
    int page = f.page() == null ? 0 : f.page();
    int size = f.size() == null ? 20 : f.size();
    if (page < 0) {
      errors.add(new FieldError("page", "must be 0 or more"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(new FieldError("size", "must be between 1 and " + MAX_PAGE_SIZE));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    String tenantId = tenants.resolve(f.tenantId());
    if (!canWrite()) {
      if (status != null && status != ArticleStatus.PUBLISHED) {
        return new Page<>(List.of(), page, size, 0);
      }
      status = ArticleStatus.PUBLISHED;
    }
    String q = f.q() == null || f.q().isBlank() ? null : f.q().strip().toLowerCase(Locale.ROOT);
    String tag = f.tag() == null || f.tag().isBlank() ? null : f.tag().strip().toLowerCase(Locale.ROOT);
    List<KnowledgeArticle> matching = articles.list(tenantId, status, language).stream()
        .filter(a -> tag == null || a.tags().contains(tag))
        .filter(a -> q == null || contains(a, q))
        .toList();
    int from = (int) Math.min((long) page * size, matching.size());
    int to = Math.min(from + size, matching.size());
    return new Page<>(matching.subList(from, to), page, size, matching.size());
  }

  /** The article if the caller may see it; another tenant's, or a draft for a reader, is 404 like a missing one. */
  public KnowledgeArticle get(String id) {
    return articles.find(id)
        .filter(a -> CurrentUser.get().canAccessTenant(a.tenantId()))
        .filter(a -> a.status() == ArticleStatus.PUBLISHED || canWrite())
        .orElseThrow(() -> ApiException.notFound("Knowledge-base article", id));
  }

  // ---------------------------------------------------------------------------------------------------- writes

  @Transactional
  public KnowledgeArticle create(String requestedTenant, ArticleFields fields) {
    Valid v = validate(fields, ArticleStatus.DRAFT, List.of());
    String tenantId = tenants.resolve(requestedTenant);
    Instant now = clock.instant();
    String user = CurrentUser.get().userId();
    KnowledgeArticle a = new KnowledgeArticle(UUID.randomUUID().toString(), tenantId, v.question(),
        v.alternatives(), v.answer(), v.language(), v.tags(), v.status(), null, now, user, now, user, 1);
    articles.insert(a);
    changed(a, "CREATED", List.of("question", "alternativeQuestions", "answer", "language", "tags", "status"));
    return a;
  }

  /** Replaces the article; {@code version} must be the one read (409 otherwise: no lost update). */
  @Transactional
  public KnowledgeArticle update(String id, ArticleFields fields, Long version) {
    KnowledgeArticle current = get(id);
    Valid v = validate(fields, current.status(), version == null
        ? List.of(new FieldError("version", "is required: the version you read")) : List.of());
    if (version != current.version()) {
      throw ApiException.conflict("Knowledge-base article " + id + " is at version " + current.version()
          + ", not " + version + "; reload and try again");
    }
    KnowledgeArticle next = new KnowledgeArticle(id, current.tenantId(), v.question(), v.alternatives(), v.answer(),
        v.language(), v.tags(), v.status(), current.sourceKey(), current.createdAt(), current.createdBy(),
        clock.instant(), CurrentUser.get().userId(), current.version() + 1);
    if (!articles.update(next)) {
      throw ApiException.conflict("Knowledge-base article " + id + " changed concurrently; reload and try again");
    }
    changed(next, current.status() != next.status() ? next.status().name() : "UPDATED", changedFields(current, next));
    return next;
  }

  @Transactional
  public void delete(String id) {
    KnowledgeArticle current = get(id);
    if (!articles.delete(id, current.version())) {
      throw ApiException.conflict("Knowledge-base article " + id + " changed concurrently; reload and try again");
    }
    changed(current, "DELETED", List.of());
  }

  /**
   * Copies the sector's shipped FAQ into the tenant's knowledge base, one article per entry and language, tagged
   * with the sector. Idempotent: an entry imported before is skipped, also when the tenant edited or archived it
   * since (archiving is how a tenant keeps a default out); one the tenant deleted is imported again.
   */
  @Transactional
  public ImportResult importDefaults(String requestedTenant, String requestedSector, String requestedStatus) {
    List<FieldError> errors = new ArrayList<>();
    ArticleStatus status = requestedStatus == null || requestedStatus.isBlank() ? ArticleStatus.PUBLISHED
        : status(requestedStatus, errors);
    if (requestedSector != null && !requestedSector.isBlank() && !DefaultFaqs.SECTORS.contains(requestedSector)) {
      errors.add(new FieldError("sector", "must be one of " + DefaultFaqs.SECTORS));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    String tenantId = tenants.resolve(requestedTenant);
    String sector = requestedSector != null && !requestedSector.isBlank() ? requestedSector
        : directory.find(tenantId).map(TenantDirectory.TenantConfig::sector).orElse(null);
    if (!DefaultFaqs.SECTORS.contains(sector)) {
      throw ApiException.invalid("sector", "is required: the organisation's sector (" + sector
          + ") has no shipped FAQ; name one of " + DefaultFaqs.SECTORS);
    }
    Set<String> existing = articles.sourceKeys(tenantId);
    Instant now = clock.instant();
    String user = CurrentUser.get().userId();
    List<String> imported = new ArrayList<>();
    int skipped = 0;
    for (FaqEntry entry : DefaultFaqs.forSector(sector, null)) {
      String key = sector + "/" + entry.id();
      if (existing.contains(key)) {
        skipped++;
        continue;
      }
      KnowledgeArticle a = new KnowledgeArticle(UUID.randomUUID().toString(), tenantId, entry.question(),
          entry.alternativeQuestions(), entry.answer(), TenantKnowledgeBase.defaultLanguage(entry), List.of(sector),
          status, key, now, user, now, user, 1);
      articles.insert(a);
      changed(a, "IMPORTED", List.of("question", "alternativeQuestions", "answer", "language", "tags", "status"));
      imported.add(a.id());
    }
    return new ImportResult(tenantId, sector, imported, skipped);
  }

  /** Tenant administrators and platform administrators write; everybody else reads. */
  public static boolean canWrite() {
    CurrentUser user = CurrentUser.get();
    return user.isAdmin() || user.inGroup(Roles.TENANT_ADMINS);
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  private void changed(KnowledgeArticle a, String change, List<String> fields) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", change);
    details.put("fields", fields);
    details.put("status", a.status().name());
    details.put("language", a.language());
    details.put("version", a.version());
    if (a.sourceKey() != null) {
      details.put("sourceKey", a.sourceKey());
    }
    audit.success(ARTICLE_CHANGED, a.tenantId(), "knowledge-article", a.id(), details);
  }

  private static List<String> changedFields(KnowledgeArticle before, KnowledgeArticle after) {
    List<String> fields = new ArrayList<>();
    if (!before.question().equals(after.question())) {
      fields.add("question");
    }
    if (!before.alternativeQuestions().equals(after.alternativeQuestions())) {
      fields.add("alternativeQuestions");
    }
    if (!before.answer().equals(after.answer())) {
      fields.add("answer");
    }
    if (!before.language().equals(after.language())) {
      fields.add("language");
    }
    if (!before.tags().equals(after.tags())) {
      fields.add("tags");
    }
    if (before.status() != after.status()) {
      fields.add("status");
    }
    return fields;
  }

  private static boolean contains(KnowledgeArticle a, String q) {
    return a.question().toLowerCase(Locale.ROOT).contains(q) || a.answer().toLowerCase(Locale.ROOT).contains(q)
        || a.alternativeQuestions().stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).contains(q));
  }

  private record Valid(String question, List<String> alternatives, String answer, String language, List<String> tags,
      ArticleStatus status) {
  }

  /** Every field at fault at once, before anything is read or written. */
  private static Valid validate(ArticleFields f, ArticleStatus defaultStatus, List<FieldError> more) {
    List<FieldError> errors = new ArrayList<>(more);
    String question = text(f.question(), "question", MAX_QUESTION, errors);
    String answer = text(f.answer(), "answer", MAX_ANSWER, errors);
    List<String> alternatives = new ArrayList<>();
    List<String> given = f.alternativeQuestions() == null ? List.of() : f.alternativeQuestions();
    if (given.size() > MAX_ALTERNATIVES) {
      errors.add(new FieldError("alternativeQuestions", "must hold at most " + MAX_ALTERNATIVES + " questions"));
    }
    for (int i = 0; i < given.size() && i < MAX_ALTERNATIVES; i++) {
      String alt = text(given.get(i), "alternativeQuestions[" + i + "]", MAX_QUESTION, errors);
      if (alt != null && !alt.equalsIgnoreCase(Objects.requireNonNullElse(question, "")) && !alternatives.contains(alt)) {
        alternatives.add(alt);
      }
    }
    String language = f.language() == null || f.language().isBlank()
        ? missing("language", errors) : language(f.language(), errors);
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    List<String> givenTags = f.tags() == null ? List.of() : f.tags();
    if (givenTags.size() > MAX_TAGS) {
      errors.add(new FieldError("tags", "must hold at most " + MAX_TAGS + " tags"));
    }
    for (int i = 0; i < givenTags.size() && i < MAX_TAGS; i++) {
      String tag = givenTags.get(i) == null ? "" : givenTags.get(i).strip().toLowerCase(Locale.ROOT);
      if (tag.length() > MAX_TAG || !TAG.matcher(tag).matches()) {
        errors.add(new FieldError("tags[" + i + "]", "must be 1 to " + MAX_TAG
            + " letters, digits, '-', '_' or '.', starting with a letter or digit"));
      } else {
        tags.add(tag);
      }
    }
    ArticleStatus status = f.status() == null || f.status().isBlank() ? defaultStatus : status(f.status(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new Valid(question, List.copyOf(alternatives), answer, language, List.copyOf(tags), status);
  }

  private static String text(String value, String field, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
      return null;
    }
    return stripped;
  }

  private static String missing(String field, List<FieldError> errors) {
    errors.add(new FieldError(field, "must not be empty"));
    return null;
  }

  private static String language(String value, List<FieldError> errors) {
    String code = value.strip().toLowerCase(Locale.ROOT);
    if (code.length() != 2 || !LANGUAGES.contains(code)) {
      errors.add(new FieldError("language", "must be an ISO 639-1 language code such as en or es"));
      return null;
    }
    return code;
  }

  private static ArticleStatus status(String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ArticleStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("status", "must be one of DRAFT, PUBLISHED, ARCHIVED"));
      return null;
    }
  }
}
