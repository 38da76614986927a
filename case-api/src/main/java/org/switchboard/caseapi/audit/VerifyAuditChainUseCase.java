package org.switchboard.caseapi.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;

/** On-demand verification for auditors and admins; the check itself is audited like any access to the trail. */
@Component
public class VerifyAuditChainUseCase {

  private final AuditChainVerifier verifier;
  private final AuditRecorder audit;

  public VerifyAuditChainUseCase(AuditChainVerifier verifier, AuditRecorder audit) {
    this.verifier = verifier;
    this.audit = audit;
  }

  public VerificationResult verify(boolean sinceLastCheckpoint) {
    AuditorAccess.require();
    VerificationResult result = verifier.verify(sinceLastCheckpoint);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checkedRows", result.checkedRows());
    details.put("sinceLastCheckpoint", sinceLastCheckpoint);
    if (!result.valid()) {
      details.put("firstBrokenSeq", result.firstBrokenSeq());
      details.put("reason", result.reason().name());
    }
    audit.record(AuditActions.AUDIT_CHAIN_VERIFIED, null, null, "audit-chain", null,
        result.valid() ? Outcome.SUCCESS : Outcome.FAILURE, details);
    return result;
  }
}
