package org.switchboard.caseapi.contacts;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.crypto.DataKeys;
import org.switchboard.caseapi.crypto.Subject;
import org.switchboard.caseapi.documents.FileStore;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;

/**
 * Erases one case everywhere its data lives: the case's data key is destroyed (every ciphertext of the
 * case, in the database and in its backups, becomes unreadable), plaintext columns are blanked, notes and
 * the case history are deleted, document contents are deleted from the file store (after commit), and the
 * engine's process instances and their history are deleted. What stays: ids, dates, status codes and one
 * history entry saying the case was erased, so references from elsewhere (links, audit trail) still resolve.
 *
 * <p>It writes to tables of several features (notes, documents, history) on purpose: erasure is the one
 * operation that must reach every place a case's data lives.
 */
@Component
public class CaseDataEraser {

  public static final String ERASED_TITLE = "[erased]";
  public static final String CHANGE_ERASED = "ERASED";

  private static final Logger log = LoggerFactory.getLogger(CaseDataEraser.class);

  private final JdbcClient jdbc;
  private final CaseRepository cases;
  private final DataKeys dataKeys;
  private final SubjectProcessData processes;
  private final FileStore files;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;

  public CaseDataEraser(JdbcClient jdbc, CaseRepository cases, DataKeys dataKeys, SubjectProcessData processes,
      FileStore files, CaseChangeLog changeLog, Outbox outbox) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.dataKeys = dataKeys;
    this.processes = processes;
    this.files = files;
    this.changeLog = changeLog;
    this.outbox = outbox;
  }

  /** What erasing one case removed; counts only. */
  public record Erased(int notes, int documents, int documentContents, int historyEntries, int processInstances,
      int dataKeys) {

    Map<String, Object> asMap() {
      return Map.of("notes", notes, "documents", documents, "documentContents", documentContents,
          "historyEntries", historyEntries, "processInstances", processInstances, "dataKeys", dataKeys);
    }
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Erased erase(CaseRecord c, String actor, Instant now, String reasonCode) {
    cases.findByIdForUpdate(c.id()).orElseThrow();
    int notes = jdbc.sql("DELETE FROM case_note WHERE case_id = :id").param("id", c.id()).update();

    List<String> documentIds = jdbc.sql("SELECT id FROM document WHERE case_id = :id").param("id", c.id())
        .query(String.class).list();
    Set<String> storageKeys = new LinkedHashSet<>();
    if (!documentIds.isEmpty()) {
      storageKeys.addAll(jdbc.sql("SELECT storage_key FROM document_version WHERE document_id IN (:ids)")
          .param("ids", documentIds).query(String.class).list());
      jdbc.sql("DELETE FROM document_version WHERE document_id IN (:ids)").param("ids", documentIds).update();
      jdbc.sql("UPDATE document SET file_name = :erased, deleted_at = COALESCE(deleted_at, :at) WHERE id IN (:ids)")
          .param("erased", ERASED_TITLE).param("at", ts(now))
          .param("ids", documentIds).update();
    }
    // The store may share one content between documents with identical bytes: keep what others still use.
    List<String> unreferenced = storageKeys.stream()
        .filter(key -> jdbc.sql("SELECT COUNT(*) FROM document_version WHERE storage_key = :k").param("k", key)
            .query(Long.class).single() == 0)
        .toList();
    deleteAfterCommit(unreferenced);

    int history = jdbc.sql("DELETE FROM case_change WHERE case_id = :id").param("id", c.id()).update();
    // Messages keep ids, channel and states; their content goes (it is shredded with the key below anyway).
    jdbc.sql("""
        UPDATE message SET sender = NULL, sender_name = NULL, recipient = NULL, subject = NULL, body = NULL,
          template_params = NULL, raw_payload = NULL WHERE case_id = :id
        """).param("id", c.id()).update();
    jdbc.sql("UPDATE message_attachment SET media_url = NULL, file_name = NULL "
        + "WHERE message_id IN (SELECT id FROM message WHERE case_id = :id)").param("id", c.id()).update();
    // AI results about the case or its messages keep their audit facts (provider, hash, latency), not their output.
    jdbc.sql("""
        UPDATE ai_result SET output = NULL WHERE tenant_id = :t AND ((object_type = 'case' AND object_id = :id)
          OR (object_type = 'message' AND object_id IN (SELECT id FROM message WHERE case_id = :id)))
        """).param("t", c.tenantId()).param("id", c.id()).update();
    // The result cache is keyed by input hashes and cannot tell whose text an entry came from: the tenant's cache
    // is dropped (a cache only; erasures are rare).
    jdbc.sql("DELETE FROM ai_cache WHERE tenant_id = :t").param("t", c.tenantId()).update();
    jdbc.sql("""
        UPDATE case_record SET title = :title, description = NULL, custom_fields = NULL,
          deleted_at = COALESCE(deleted_at, :at), deleted_by = COALESCE(deleted_by, :by), erased_at = :at,
          updated_at = :at, updated_by = :by, version = version + 1
        WHERE id = :id
        """)
        .param("title", ERASED_TITLE).param("at", ts(now)).param("by", actor)
        .param("id", c.id()).update();
    int instances = processes.purge(c.id());
    int keys = dataKeys.shred(c.tenantId(), Subject.ofCase(c.id()));
    changeLog.record(c, CHANGE_ERASED, now, actor, List.of(), reasonCode);
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_ERASED, c.tenantId(), c.id(), now, Map.of("reason", reasonCode)));
    return new Erased(notes, documentIds.size(), unreferenced.size(), history, instances, keys);
  }

  private void deleteAfterCommit(List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        for (String key : keys) {
          try {
            files.delete(key);
          } catch (RuntimeException e) {
            // The rows are gone, so nothing refers to the content any more; the file is orphaned, not exposed.
            log.error("Could not delete erased document content {}; delete it from the file store by hand", key, e);
          }
        }
      }
    });
  }
}
