package org.switchboard.caseapi.knowledgebase;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;
import static org.switchboard.caseapi.shared.JsonStringLists.fromJson;
import static org.switchboard.caseapi.shared.JsonStringLists.toJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.knowledgebase.KnowledgeArticle.ArticleStatus;

@Repository
public class KnowledgeArticleRepository {

  private final JdbcClient jdbc;

  public KnowledgeArticleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(KnowledgeArticle a) {
    jdbc.sql("""
        INSERT INTO knowledge_article (id, tenant_id, question, alternative_questions, answer, language, tags, status,
          source_key, created_at, created_by, updated_at, updated_by, version)
        VALUES (:id, :t, :question, :alternatives, :answer, :language, :tags, :status, :source, :at, :by, :at, :by, 1)
        """).param("id", a.id()).param("t", a.tenantId()).param("question", a.question())
        .param("alternatives", toJson(a.alternativeQuestions())).param("answer", a.answer())
        .param("language", a.language()).param("tags", toJson(a.tags())).param("status", a.status().name())
        .param("source", a.sourceKey()).param("at", ts(a.createdAt())).param("by", a.createdBy()).update();
  }

  /** Optimistic: writes only when the stored version is the one before {@code a.version()}. */
  public boolean update(KnowledgeArticle a) {
    return jdbc.sql("""
        UPDATE knowledge_article SET question = :question, alternative_questions = :alternatives, answer = :answer,
          language = :language, tags = :tags, status = :status, updated_at = :at, updated_by = :by, version = :version
        WHERE id = :id AND version = :previous
        """).param("id", a.id()).param("question", a.question())
        .param("alternatives", toJson(a.alternativeQuestions())).param("answer", a.answer())
        .param("language", a.language()).param("tags", toJson(a.tags())).param("status", a.status().name())
        .param("at", ts(a.updatedAt())).param("by", a.updatedBy()).param("version", a.version())
        .param("previous", a.version() - 1).update() == 1;
  }

  public boolean delete(String id, long version) {
    return jdbc.sql("DELETE FROM knowledge_article WHERE id = :id AND version = :v").param("id", id)
        .param("v", version).update() == 1;
  }

  public Optional<KnowledgeArticle> find(String id) {
    return jdbc.sql("SELECT * FROM knowledge_article WHERE id = :id").param("id", id).query(this::map).optional();
  }

  /** The tenant's articles, optionally of one status and language, oldest first (a stable order for paging). */
  public List<KnowledgeArticle> list(String tenantId, ArticleStatus status, String language) {
    StringBuilder sql = new StringBuilder("SELECT * FROM knowledge_article WHERE tenant_id = :t");
    if (status != null) {
      sql.append(" AND status = :status");
    }
    if (language != null) {
      sql.append(" AND language = :language");
    }
    var statement = jdbc.sql(sql.append(" ORDER BY created_at, id").toString()).param("t", tenantId);
    if (status != null) {
      statement = statement.param("status", status.name());
    }
    if (language != null) {
      statement = statement.param("language", language);
    }
    return statement.query(this::map).list();
  }

  public List<KnowledgeArticle> published(String tenantId) {
    return list(tenantId, ArticleStatus.PUBLISHED, null);
  }

  /** Source keys of the tenant's imported articles, whatever became of them since. */
  public Set<String> sourceKeys(String tenantId) {
    return Set.copyOf(jdbc.sql("SELECT source_key FROM knowledge_article WHERE tenant_id = :t AND source_key IS NOT NULL")
        .param("t", tenantId).query(String.class).list());
  }

  private KnowledgeArticle map(ResultSet rs, int n) throws SQLException {
    return new KnowledgeArticle(rs.getString("id"), rs.getString("tenant_id"), rs.getString("question"),
        fromJson(rs.getString("alternative_questions")), rs.getString("answer"), rs.getString("language"),
        fromJson(rs.getString("tags")), ArticleStatus.valueOf(rs.getString("status")), rs.getString("source_key"),
        instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"),
        rs.getLong("version"));
  }
}
