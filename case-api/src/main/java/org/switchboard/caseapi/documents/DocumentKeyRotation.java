package org.switchboard.caseapi.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.crypto.ContentCipher;
import org.switchboard.caseapi.crypto.ContentCipher.Binding;
import org.switchboard.caseapi.crypto.KeyRotationParticipant;
import org.switchboard.caseapi.documents.FileStore.StoredFile;

/**
 * Re-seals document files still under a retiring data key during a key rotation: the plaintext is
 * streamed from the old file into a new one under the case's current key, then the version row is
 * switched with compare-and-set (a concurrent change wins; the new file is discarded) and the old
 * file is deleted after commit.
 */
@Component
public class DocumentKeyRotation implements KeyRotationParticipant {

  private static final int BATCH = 100;

  private final JdbcClient jdbc;
  private final FileStore files;
  private final DocumentContentStore content;
  private final TransactionTemplate transaction;

  public DocumentKeyRotation(JdbcClient jdbc, FileStore files, DocumentContentStore content,
      TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.files = files;
    this.content = content;
    this.transaction = transaction;
  }

  @Override
  public Pass reseal(String tenantId, Set<String> retiring) {
    int found = 0;
    int written = 0;
    String afterDocument = "";
    int afterVersion = 0;
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql("""
          SELECT v.document_id, v.version, v.storage_key, v.content_case_id FROM document_version v
          JOIN document d ON d.id = v.document_id
          WHERE d.tenant_id = :t AND v.content_case_id IS NOT NULL
            AND (v.document_id > :afterDocument OR (v.document_id = :afterDocument AND v.version > :afterVersion))
          ORDER BY v.document_id, v.version LIMIT :n
          """).param("t", tenantId).param("afterDocument", afterDocument).param("afterVersion", afterVersion)
          .param("n", BATCH).query().listOfRows();
      if (rows.isEmpty()) {
        return new Pass(found, written);
      }
      for (Map<String, Object> row : rows) {
        String documentId = (String) row.get("document_id");
        int version = ((Number) row.get("version")).intValue();
        String storageKey = (String) row.get("storage_key");
        if (keyOf(storageKey).map(retiring::contains).orElse(false)) {
          found++;
          if (reseal(tenantId, documentId, version, storageKey, (String) row.get("content_case_id"))) {
            written++;
          }
        }
      }
      Map<String, Object> last = rows.get(rows.size() - 1);
      afterDocument = (String) last.get("document_id");
      afterVersion = ((Number) last.get("version")).intValue();
    }
  }

  private boolean reseal(String tenantId, String documentId, int version, String oldKey, String caseId) {
    Binding binding = new Binding(tenantId, caseId, documentId, version);
    StoredFile fresh;
    try (InputStream plaintext = content.get(tenantId, new Document.DocumentVersion(documentId, version, null, null,
        0, null, oldKey, null, null, caseId))) {
      fresh = content.put(binding, plaintext);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not re-seal document " + documentId + " version " + version, e);
    }
    Boolean switched = transaction.execute(s -> {
      int updated = jdbc.sql("UPDATE document_version SET storage_key = :fresh "
              + "WHERE document_id = :d AND version = :v AND storage_key = :old")
          .param("fresh", fresh.key()).param("d", documentId).param("v", version).param("old", oldKey).update();
      if (updated == 1) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            files.delete(oldKey);
          }
        });
      }
      return updated == 1;
    });
    if (!Boolean.TRUE.equals(switched)) {
      files.delete(fresh.key());
    }
    return Boolean.TRUE.equals(switched);
  }

  private Optional<String> keyOf(String storageKey) {
    try (InputStream stored = files.get(storageKey)) {
      return ContentCipher.keyIdOf(stored);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read stored document " + storageKey, e);
    }
  }
}
