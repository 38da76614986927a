package org.switchboard.caseapi.documents;

import java.time.Instant;
import java.util.List;

/** A document on a case with all its versions (oldest first); {@code fileName} is the current version's. */
public record Document(
    String id,
    String caseId,
    String tenantId,
    String fileName,
    int currentVersion,
    Instant createdAt,
    String createdBy,
    String movedFromCaseId,
    List<DocumentVersion> versions) {

  public DocumentVersion current() {
    return versions.stream().filter(v -> v.version() == currentVersion).findFirst().orElseThrow();
  }

  /**
   * One uploaded content of a document; {@code storageKey} points into the {@link FileStore}, and
   * {@code contentCaseId} is the case whose data key encrypted it (null: plaintext from before encryption).
   */
  public record DocumentVersion(
      String documentId,
      int version,
      String fileName,
      String contentType,
      long sizeBytes,
      String sha256,
      String storageKey,
      Instant createdAt,
      String createdBy,
      String contentCaseId) {
  }
}
