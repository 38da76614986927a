package org.switchboard.caseapi.notes;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.crypto.CaseDataProtection;

@Repository
public class NoteRepository {

  private final RowMapper<Note> rowMapper;
  private final CaseDataProtection protection;
  private final JdbcClient jdbc;

  /** Bodies are encrypted here on write and decrypted on read (key of the note's case at writing time). */
  public NoteRepository(JdbcClient jdbc, CaseDataProtection protection) {
    this.jdbc = jdbc;
    this.protection = protection;
    this.rowMapper = (rs, row) -> new Note(rs.getString("id"), rs.getString("case_id"), rs.getString("tenant_id"),
        protection.openNoteBody(rs.getString("id"), rs.getString("tenant_id"), rs.getString("body")),
        rs.getString("author"), instant(rs, "created_at"), rs.getString("moved_from_case_id"));
  }

  public void insert(Note note) {
    jdbc.sql("""
        INSERT INTO case_note (id, case_id, tenant_id, body, author, created_at, moved_from_case_id)
        VALUES (:id, :caseId, :tenantId, :body, :author, :createdAt, :movedFrom)
        """)
        .param("id", note.id())
        .param("caseId", note.caseId())
        .param("tenantId", note.tenantId())
        .param("body", protection.sealNoteBody(note.id(), note.caseId(), note.tenantId(), note.body()))
        .param("author", note.author())
        .param("createdAt", ts(note.createdAt()))
        .param("movedFrom", note.movedFromCaseId())
        .update();
  }

  /** Newest first; notes moved here by a merge keep their original time, so they sort in among the others. */
  public Page<Note> page(String caseId, int page, int size) {
    long total = jdbc.sql("SELECT COUNT(*) FROM case_note WHERE case_id = :caseId AND deleted_at IS NULL")
        .param("caseId", caseId).query(Long.class).single();
    List<Note> items = jdbc.sql("""
        SELECT * FROM case_note WHERE case_id = :caseId AND deleted_at IS NULL
        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
        """)
        .param("caseId", caseId)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(rowMapper)
        .list();
    return new Page<>(items, page, size, total);
  }

  /** Moves every note of one case to another (a merge); returns how many moved. */
  public int moveAll(String fromCaseId, String toCaseId) {
    return jdbc.sql("UPDATE case_note SET case_id = :to, moved_from_case_id = :from WHERE case_id = :from")
        .param("from", fromCaseId).param("to", toCaseId)
        .update();
  }
}
