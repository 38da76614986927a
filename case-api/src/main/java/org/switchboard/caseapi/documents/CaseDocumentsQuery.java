package org.switchboard.caseapi.documents;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.documents.Document.DocumentVersion;
import org.switchboard.caseapi.web.ApiException;

@Component
public class CaseDocumentsQuery {

  private final CaseAccess caseAccess;
  private final DocumentRepository documents;
  private final DocumentContentStore content;
  private final AuditRecorder audit;

  public CaseDocumentsQuery(CaseAccess caseAccess, DocumentRepository documents, DocumentContentStore content,
      AuditRecorder audit) {
    this.audit = audit;
    this.caseAccess = caseAccess;
    this.documents = documents;
    this.content = content;
  }

  public List<Document> documents(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "documents");
    return documents.listByCase(c.id());
  }

  public Document document(String caseId, String documentId) {
    CaseRecord c = caseAccess.require(caseId);
    Document document = find(c, documentId);
    audit.caseViewed(c.tenantId(), c.id(), "document");
    return document;
  }

  private Document find(CaseRecord c, String documentId) {
    return documents.find(c.id(), documentId).orElseThrow(() -> ApiException.notFound("Document", documentId));
  }

  /** The content of one version (the current one when {@code version} is null); the caller closes the stream. */
  public Content content(String caseId, String documentId, Integer version) {
    CaseRecord c = caseAccess.require(caseId);
    Document document = find(c, documentId);
    int wanted = version == null ? document.currentVersion() : version;
    DocumentVersion v = document.versions().stream().filter(x -> x.version() == wanted).findFirst()
        .orElseThrow(() -> ApiException.notFound("Version", documentId + "/" + wanted));
    Content content = new Content(v, this.content.get(c.tenantId(), v));
    audit.success(AuditActions.DOCUMENT_DOWNLOADED, c.tenantId(), "document", document.id(),
        Map.of("caseId", c.id(), "version", v.version()));
    return content;
  }

  public record Content(DocumentVersion version, InputStream stream) {
  }
}
