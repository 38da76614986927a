package org.switchboard.caseapi.documents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/** Uploads new content for a document; earlier versions stay downloadable. Same write order as {@link UploadDocumentUseCase}. */
@Component
public class AddDocumentVersionUseCase {

  public static final String CHANGE_DOCUMENT_VERSION_ADDED = "DOCUMENT_VERSION_ADDED";
  private static final int ATTEMPTS = 3;

  private final CaseAccess caseAccess;
  private final UploadPolicy policy;
  private final DocumentContentStore content;
  private final DocumentRepository documents;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public AddDocumentVersionUseCase(CaseAccess caseAccess, UploadPolicy policy, DocumentContentStore content,
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

  public Document addVersion(String caseId, String documentId, Upload upload) {
    CaseRecord visible = caseAccess.require(caseId);
    UploadDocumentUseCase.refuseIfMerged(visible);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Document before = documents.find(visible.id(), documentId)
          .orElseThrow(() -> ApiException.notFound("Document", documentId));
      UploadPolicy.Accepted accepted = policy.check(upload);
      // The version number is part of the content's associated data, so it is fixed before storing;
      // a concurrent upload that takes it first means storing again under the next number.
      int number = nextNumber(before);
      StoredFile stored = UploadDocumentUseCase.store(content,
          new Binding(visible.tenantId(), visible.id(), documentId, number), accepted);
      Document added = transaction.execute(status -> record(caseId, documentId, number, accepted, stored));
      if (added != null) {
        return added;
      }
      content.discard(stored);
    }
    throw ApiException.conflict("Document " + documentId + " is receiving other versions right now; try again");
  }

  private Document record(String caseId, String documentId, int number, UploadPolicy.Accepted accepted,
      StoredFile stored) {
    CaseRecord c = caseAccess.requireForChange(caseId);
    Document document = documents.findForUpdate(c.id(), documentId)
        .orElseThrow(() -> ApiException.notFound("Document", documentId));
    if (nextNumber(document) != number) {
      return null;
    }
    String user = CurrentUser.get().userId();
    Instant now = clock.instant();
    DocumentVersion version = new DocumentVersion(documentId, number, accepted.fileName(),
        accepted.contentType(), stored.size(), stored.sha256(), stored.key(), now, user, c.id());
    documents.insertVersion(version);
    documents.makeCurrent(documentId, number, accepted.fileName());
    changeLog.record(c, CHANGE_DOCUMENT_VERSION_ADDED, now, user, List.of(),
        "Document " + documentId + " version " + number);
    outbox.append(DomainEvent.ofCase(EventTypes.DOCUMENT_ADDED, c.tenantId(), c.id(), now,
        UploadDocumentUseCase.event(version)));
    List<DocumentVersion> versions = new ArrayList<>(document.versions());
    versions.add(version);
    return new Document(document.id(), document.caseId(), document.tenantId(), accepted.fileName(), number,
        document.createdAt(), document.createdBy(), document.movedFromCaseId(), List.copyOf(versions));
  }

  private static int nextNumber(Document document) {
    return document.versions().stream().mapToInt(DocumentVersion::version).max().orElse(0) + 1;
  }
}
