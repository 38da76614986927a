package org.switchboard.caseapi.knowledgebase;

import java.time.Instant;
import java.util.List;

/**
 * One question-and-answer article of a tenant's knowledge base.
 *
 * @param sourceKey the shipped default it was imported from ({@code <sector>/<id>-<language>}), null when written
 *     by a person
 */
public record KnowledgeArticle(String id, String tenantId, String question, List<String> alternativeQuestions,
    String answer, String language, List<String> tags, ArticleStatus status, String sourceKey, Instant createdAt,
    String createdBy, Instant updatedAt, String updatedBy, long version) {

  public KnowledgeArticle {
    alternativeQuestions = alternativeQuestions == null ? List.of() : List.copyOf(alternativeQuestions);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Only published articles answer people; drafts are being written, archived ones are kept for the record. */
  public enum ArticleStatus {
    DRAFT, PUBLISHED, ARCHIVED
  }
}
