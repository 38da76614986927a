package org.switchboard.caseapi.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.audit.AuditViews;
import org.switchboard.caseapi.audit.StoredAuditEvent;
import org.switchboard.caseapi.audit.VerificationResult;
import org.switchboard.caseapi.audit.VerifyAuditChainUseCase;
import org.switchboard.caseapi.cases.CaseRepository.Page;

@Tag(name = "Audit", description = "Tamper-evident audit trail: verification, search and export (auditors, admins)")
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

  private final VerifyAuditChainUseCase verify;
  private final AuditViews views;

  public AuditController(VerifyAuditChainUseCase verify, AuditViews views) {
    this.verify = verify;
    this.views = views;
  }

  @Operation(summary = "Recompute the hash chain and compare it with its head and the signed checkpoints")
  @GetMapping("/verify")
  public VerificationResult verify(
      @Parameter(description = "Start at the newest signed checkpoint instead of the first row")
      @RequestParam(defaultValue = "false") boolean sinceLastCheckpoint) {
    return verify.verify(sinceLastCheckpoint);
  }

  @Operation(summary = "Audit events, newest first; auditors see their organisations' events only")
  @GetMapping("/events")
  public Page<StoredAuditEvent> events(
      @RequestParam(required = false) String caseId,
      @RequestParam(required = false) String actor,
      @Parameter(description = "Event type, e.g. CASE_VIEWED") @RequestParam(required = false) String action,
      @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
      @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer page,
      @Parameter(description = "1..200, default 50") @RequestParam(required = false) Integer size) {
    return views.search(new AuditViews.Params(caseId, actor, action, from, to), page, size);
  }

  @Operation(summary = "Export the matching audit events in chain order as CSV or JSON (the export is audited)")
  @GetMapping("/events/export")
  public ResponseEntity<byte[]> export(
      @RequestParam(required = false) String caseId,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @Parameter(description = "csv or json (default)") @RequestParam(defaultValue = "json") String format) {
    AuditViews.Export export = views.export(new AuditViews.Params(caseId, actor, action, from, to), format);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(export.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(export.fileName()).build().toString())
        .body(export.body());
  }
}
