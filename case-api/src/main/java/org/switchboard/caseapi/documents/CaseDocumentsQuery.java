package org.switchboard.caseapi.documents;

import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.documents.Document.DocumentVersion;
import org.switchboard.caseapi.web.ApiException;

@Component
public class CaseDocumentsQuery {

  private final CaseAccess caseAccess;
  private final DocumentRepository documents;
  private final FileStore fileStore;

  public CaseDocumentsQuery(CaseAccess caseAccess, DocumentRepository documents, FileStore fileStore) {
    this.caseAccess = caseAccess;
    this.documents = documents;
    this.fileStore = fileStore;
  }

  public List<Document> documents(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    return documents.listByCase(c.id());
  }

  public Document document(String caseId, String documentId) {
    CaseRecord c = caseAccess.require(caseId);
    return documents.find(c.id(), documentId).orElseThrow(() -> ApiException.notFound("Document", documentId));
  }

  /** The content of one version (the current one when {@code version} is null); the caller closes the stream. */
  public Content content(String caseId, String documentId, Integer version) {
    Document document = document(caseId, documentId);
    int wanted = version == null ? document.currentVersion() : version;
    DocumentVersion v = document.versions().stream().filter(x -> x.version() == wanted).findFirst()
        .orElseThrow(() -> ApiException.notFound("Version", documentId + "/" + wanted));
    return new Content(v, fileStore.get(v.storageKey()));
  }

  public record Content(DocumentVersion version, InputStream stream) {
  }
}
