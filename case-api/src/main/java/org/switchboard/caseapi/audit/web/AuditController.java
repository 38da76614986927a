package org.switchboard.caseapi.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.audit.VerificationResult;
import org.switchboard.caseapi.audit.VerifyAuditChainUseCase;

@Tag(name = "Audit", description = "Tamper-evident audit trail: verification, search and export (auditors, admins)")
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

  private final VerifyAuditChainUseCase verify;

  public AuditController(VerifyAuditChainUseCase verify) {
    this.verify = verify;
  }

  @Operation(summary = "Recompute the hash chain and compare it with its head and the signed checkpoints")
  @GetMapping("/verify")
  public VerificationResult verify(
      @Parameter(description = "Start at the newest signed checkpoint instead of the first row")
      @RequestParam(defaultValue = "false") boolean sinceLastCheckpoint) {
    return verify.verify(sinceLastCheckpoint);
  }
}
