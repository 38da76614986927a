package org.switchboard.caseapi.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.crypto.ContentCipher.Binding;
import org.switchboard.caseapi.documents.Document.DocumentVersion;
import org.switchboard.caseapi.documents.FileStore.StoredFile;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

/**
 * Adds a document to a case. The file is stored before the rows are written, outside the transaction:
 * if the transaction then fails, an unreferenced file remains (harmless, see {@link LocalFileStore}),
 * but a row never points to content that is not there.
 */
@Component
public class UploadDocumentUseCase {

  public static final String CHANGE_DOCUMENT_ADDED = "DOCUMENT_ADDED";

  private final CaseAccess caseAccess;
  private final UploadPolicy policy;
  private final DocumentContentStore content;
  private final DocumentRepository documents;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public UploadDocumentUseCase(CaseAccess caseAccess, UploadPolicy policy, DocumentContentStore content,
      DocumentRepository documents, CaseChangeLog changeLog, Outbox outbox, TransactionTemplate transaction,
      Clock clock) {
    this.caseAccess = caseAccess;
    this.policy = policy;
    this.content = content;
    this.documents = documents;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.transaction = transaction;
    this.clock = clock;
  }

  public Document upload(String caseId, Upload upload) {
    CaseRecord visible = caseAccess.require(caseId);
    refuseIfMerged(visible);
    UploadPolicy.Accepted accepted = policy.check(upload);
    // The id exists before the content is stored: it is part of the content's associated data.
    String documentId = UUID.randomUUID().toString();
    StoredFile stored = store(content, new Binding(visible.tenantId(), visible.id(), documentId, 1), accepted);
    return transaction.execute(status -> {
      CaseRecord c = caseAccess.requireForChange(caseId);
      String user = CurrentUser.get().userId();
      Instant now = clock.instant();
      DocumentVersion first = new DocumentVersion(documentId, 1, accepted.fileName(), accepted.contentType(),
          stored.size(), stored.sha256(), stored.key(), now, user, visible.id());
      Document document = new Document(documentId, c.id(), c.tenantId(), accepted.fileName(), 1, now, user, null,
          List.of(first));
      documents.insert(document);
      changeLog.record(c, CHANGE_DOCUMENT_ADDED, now, user, List.of(), "Document " + documentId + " version 1");
      outbox.append(DomainEvent.ofCase(EventTypes.DOCUMENT_ADDED, c.tenantId(), c.id(), now, event(first)));
      return document;
    });
  }

  /** Refused before any byte is stored; the locked re-check in the transaction covers a concurrent merge. */
  static void refuseIfMerged(CaseRecord c) {
    if (c.mergedIntoCaseId() != null) {
      throw ApiException.conflict("Case " + c.id() + " was merged into case " + c.mergedIntoCaseId());
    }
  }

  static StoredFile store(DocumentContentStore content, Binding binding, UploadPolicy.Accepted accepted) {
    try (InputStream in = accepted.upload().content().getInputStream()) {
      return content.put(binding, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the upload", e);
    }
  }

  /** Ids and facts only: the file name may carry personal data and stays out of the event. */
  static Map<String, Object> event(DocumentVersion v) {
    return Map.of("documentId", v.documentId(), "version", v.version(), "contentType", v.contentType(),
        "sizeBytes", v.sizeBytes());
  }
}
