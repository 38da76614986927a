package org.switchboard.caseapi.audit;

import org.springframework.stereotype.Component;

/** On-demand verification for auditors and admins. */
@Component
public class VerifyAuditChainUseCase {

  private final AuditChainVerifier verifier;

  public VerifyAuditChainUseCase(AuditChainVerifier verifier) {
    this.verifier = verifier;
  }

  public VerificationResult verify(boolean sinceLastCheckpoint) {
    AuditorAccess.require();
    return verifier.verify(sinceLastCheckpoint);
  }
}
