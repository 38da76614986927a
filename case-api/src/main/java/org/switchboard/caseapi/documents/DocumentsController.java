package org.switchboard.caseapi.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.caseapi.documents.Document.DocumentVersion;

@RestController
@RequestMapping("/api/v1/cases/{caseId}/documents")
@Tag(name = "Case documents", description = "Files on a case, with versions")
public class DocumentsController {

  private final UploadDocumentUseCase upload;
  private final AddDocumentVersionUseCase addVersion;
  private final CaseDocumentsQuery query;

  public DocumentsController(UploadDocumentUseCase upload, AddDocumentVersionUseCase addVersion,
      CaseDocumentsQuery query) {
    this.upload = upload;
    this.addVersion = addVersion;
    this.query = query;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Upload a document (multipart field `file`)")
  public DocumentView upload(@PathVariable String caseId,
      @RequestPart(name = UploadPolicy.FIELD, required = false) MultipartFile file) {
    return DocumentView.of(upload.upload(caseId, toUpload(file)));
  }

  @PostMapping(path = "/{documentId}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Upload a new version of a document (multipart field `file`)")
  public DocumentView addVersion(@PathVariable String caseId, @PathVariable String documentId,
      @RequestPart(name = UploadPolicy.FIELD, required = false) MultipartFile file) {
    return DocumentView.of(addVersion.addVersion(caseId, documentId, toUpload(file)));
  }

  @GetMapping
  @Operation(summary = "List a case's documents")
  public DocumentList list(@PathVariable String caseId) {
    return new DocumentList(query.documents(caseId).stream().map(DocumentView::of).toList());
  }

  @GetMapping("/{documentId}")
  @Operation(summary = "Get a document with its versions")
  public DocumentView get(@PathVariable String caseId, @PathVariable String documentId) {
    return DocumentView.of(query.document(caseId, documentId));
  }

  @GetMapping("/{documentId}/content")
  @Operation(summary = "Download a document version (default: the current one)")
  public ResponseEntity<Resource> content(@PathVariable String caseId, @PathVariable String documentId,
      @RequestParam(required = false) @Min(1) Integer version) {
    CaseDocumentsQuery.Content content = query.content(caseId, documentId, version);
    DocumentVersion v = content.version();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(v.contentType()))
        .contentLength(v.sizeBytes())
        .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.attachment(v.fileName()))
        .eTag(v.sha256())
        .cacheControl(CacheControl.noStore())
        .body(new InputStreamResource(content.stream()));
  }

  private static Upload toUpload(MultipartFile file) {
    return file == null ? null : new Upload(file.getOriginalFilename(), file.getSize(), file);
  }

  public record DocumentList(List<DocumentView> items) {
  }

  public record DocumentView(String id, String caseId, String fileName, int currentVersion, String contentType,
      long sizeBytes, Instant createdAt, String createdBy, String movedFromCaseId, List<VersionView> versions) {

    static DocumentView of(Document d) {
      DocumentVersion current = d.current();
      return new DocumentView(d.id(), d.caseId(), d.fileName(), d.currentVersion(), current.contentType(),
          current.sizeBytes(), d.createdAt(), d.createdBy(), d.movedFromCaseId(),
          d.versions().stream().map(VersionView::of).toList());
    }
  }

  public record VersionView(int version, String fileName, String contentType, long sizeBytes, String sha256,
      Instant createdAt, String createdBy) {

    static VersionView of(DocumentVersion v) {
      return new VersionView(v.version(), v.fileName(), v.contentType(), v.sizeBytes(), v.sha256(), v.createdAt(),
          v.createdBy());
    }
  }
}
