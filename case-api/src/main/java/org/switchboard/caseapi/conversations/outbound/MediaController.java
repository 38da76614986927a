package org.switchboard.caseapi.conversations.outbound;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.documents.Document;
import org.switchboard.caseapi.documents.DocumentContentStore;
import org.switchboard.caseapi.documents.DocumentRepository;

/**
 * {@code /media/{token}}: an outbound attachment for the provider that fetches it (Twilio MMS, WhatsApp link media).
 * No login: the signed, expiring token is the authorisation, and only attachments of that message are served.
 * Every other answer is the same bare 404.
 */
@Hidden
@RestController
public class MediaController {

  /** Audit actor of fetches: the provider, who has no user. */
  static final String ACTOR = "media-link";

  private final MediaLinks links;
  private final OutboundMessageStore store;
  private final DocumentRepository documents;
  private final DocumentContentStore content;
  private final AuditRecorder audit;

  public MediaController(MediaLinks links, OutboundMessageStore store, DocumentRepository documents,
      DocumentContentStore content, AuditRecorder audit) {
    this.links = links;
    this.store = store;
    this.documents = documents;
    this.content = content;
    this.audit = audit;
  }

  @GetMapping("/media/{token}")
  public ResponseEntity<Resource> media(@PathVariable String token) {
    MediaLinks.Target target = links.verify(token).orElse(null);
    if (target == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    OutboundMessageStore.Stored message = store.find(target.messageId())
        .filter(m -> m.tenantId().equals(target.tenantId())).orElse(null);
    if (message == null || store.attachments(message.id()).stream()
        .noneMatch(a -> target.documentId().equals(a.documentId()))) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    Document document = documents.find(message.caseId(), target.documentId()).orElse(null);
    if (document == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    Document.DocumentVersion version = document.current();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("messageId", message.id());
    details.put("caseId", message.caseId());
    audit.record(OutboundAuditActions.MEDIA_FETCHED, ACTOR, message.tenantId(), "document", document.id(),
        Outcome.SUCCESS, details);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(version.contentType()))
        .contentLength(version.sizeBytes())
        .cacheControl(CacheControl.noStore())
        .body(new InputStreamResource(content.get(message.tenantId(), version)));
  }
}
