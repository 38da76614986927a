package org.switchboard.caseapi.documents;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.documents.Document.DocumentVersion;

@Repository
public class DocumentRepository {

  private static final RowMapper<DocumentVersion> VERSION = (rs, row) -> new DocumentVersion(
      rs.getString("document_id"), rs.getInt("version"), rs.getString("file_name"), rs.getString("content_type"),
      rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage_key"), instant(rs, "created_at"),
      rs.getString("created_by"), rs.getString("content_case_id"));

  private final JdbcClient jdbc;

  public DocumentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Document d) {
    jdbc.sql("""
        INSERT INTO document (id, case_id, tenant_id, file_name, current_version, created_at, created_by)
        VALUES (:id, :caseId, :tenantId, :fileName, :currentVersion, :createdAt, :createdBy)
        """)
        .param("id", d.id())
        .param("caseId", d.caseId())
        .param("tenantId", d.tenantId())
        .param("fileName", d.fileName())
        .param("currentVersion", d.currentVersion())
        .param("createdAt", ts(d.createdAt()))
        .param("createdBy", d.createdBy())
        .update();
    d.versions().forEach(this::insertVersion);
  }

  public void insertVersion(DocumentVersion v) {
    jdbc.sql("""
        INSERT INTO document_version (document_id, version, file_name, content_type, size_bytes, sha256,
          storage_key, created_at, created_by, content_case_id)
        VALUES (:documentId, :version, :fileName, :contentType, :size, :sha256, :storageKey, :createdAt, :createdBy,
          :contentCaseId)
        """)
        .param("documentId", v.documentId())
        .param("version", v.version())
        .param("fileName", v.fileName())
        .param("contentType", v.contentType())
        .param("size", v.sizeBytes())
        .param("sha256", v.sha256())
        .param("storageKey", v.storageKey())
        .param("createdAt", ts(v.createdAt()))
        .param("createdBy", v.createdBy())
        .param("contentCaseId", v.contentCaseId())
        .update();
  }

  /** Makes {@code version} the current one; the document's name follows its current version. */
  public void makeCurrent(String documentId, int version, String fileName) {
    jdbc.sql("UPDATE document SET current_version = :version, file_name = :fileName WHERE id = :id")
        .param("version", version).param("fileName", fileName).param("id", documentId)
        .update();
  }

  /** Moves every document of one case, with its versions, to another (a merge); returns how many moved. */
  public int moveAll(String fromCaseId, String toCaseId) {
    return jdbc.sql("UPDATE document SET case_id = :to, moved_from_case_id = :from WHERE case_id = :from")
        .param("from", fromCaseId).param("to", toCaseId)
        .update();
  }

  public Optional<Document> find(String caseId, String documentId) {
    return one(caseId, documentId, "");
  }

  /** Locks the document row until the transaction ends, so concurrent new versions get distinct numbers. */
  public Optional<Document> findForUpdate(String caseId, String documentId) {
    return one(caseId, documentId, " FOR UPDATE");
  }

  public List<Document> listByCase(String caseId) {
    Map<String, List<DocumentVersion>> versions = jdbc.sql("""
        SELECT v.* FROM document_version v JOIN document d ON d.id = v.document_id
        WHERE d.case_id = :caseId AND d.deleted_at IS NULL ORDER BY v.document_id, v.version
        """)
        .param("caseId", caseId).query(VERSION).stream()
        .collect(Collectors.groupingBy(DocumentVersion::documentId));
    return jdbc.sql("SELECT * FROM document WHERE case_id = :caseId AND deleted_at IS NULL ORDER BY created_at, id")
        .param("caseId", caseId)
        .query((rs, row) -> map(rs, versions.getOrDefault(rs.getString("id"), List.of())))
        .list();
  }

  private Optional<Document> one(String caseId, String documentId, String lock) {
    Optional<Document> document = jdbc.sql(
            "SELECT * FROM document WHERE id = :id AND case_id = :caseId AND deleted_at IS NULL" + lock)
        .param("id", documentId).param("caseId", caseId)
        .query((rs, row) -> map(rs, List.of()))
        .optional();
    return document.map(d -> new Document(d.id(), d.caseId(), d.tenantId(), d.fileName(), d.currentVersion(),
        d.createdAt(), d.createdBy(), d.movedFromCaseId(), versions(d.id())));
  }

  private List<DocumentVersion> versions(String documentId) {
    return jdbc.sql("SELECT * FROM document_version WHERE document_id = :id ORDER BY version")
        .param("id", documentId).query(VERSION).list();
  }

  private static Document map(ResultSet rs, List<DocumentVersion> versions) throws SQLException {
    return new Document(rs.getString("id"), rs.getString("case_id"), rs.getString("tenant_id"),
        rs.getString("file_name"), rs.getInt("current_version"), instant(rs, "created_at"),
        rs.getString("created_by"), rs.getString("moved_from_case_id"), versions);
  }
}
