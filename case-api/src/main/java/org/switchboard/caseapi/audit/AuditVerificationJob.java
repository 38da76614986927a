package org.switchboard.caseapi.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * One verification round: check the whole chain; when it holds, sign a checkpoint of its end into the
 * checkpoint file; record the outcome in the trail itself (so an auditor sees when it was last checked)
 * and log a broken chain as an error for alerting. A broken chain is never checkpointed: that would vouch
 * for the tampered state.
 */
@Component
public class AuditVerificationJob {

  private static final Logger log = LoggerFactory.getLogger(AuditVerificationJob.class);

  private final AuditChainVerifier verifier;
  private final CheckpointStore checkpoints;
  private final AuditTrail trail;
  private final Clock clock;

  public AuditVerificationJob(AuditChainVerifier verifier, CheckpointStore checkpoints, AuditTrail trail,
      Clock clock) {
    this.verifier = verifier;
    this.checkpoints = checkpoints;
    this.trail = trail;
    this.clock = clock;
  }

  public VerificationResult run() {
    VerificationResult result = verifier.verify();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checkedRows", result.checkedRows());
    details.put("lastSeq", result.lastSeq());
    if (result.valid()) {
      if (result.lastSeq() > 0) {
        checkpoints.append(result.lastSeq(), result.lastHash(), clock.instant());
        details.put("checkpointSeq", result.lastSeq());
      }
      log.info("Audit chain verified: {} rows, checkpoint at seq {}", result.checkedRows(), result.lastSeq());
    } else {
      details.put("firstBrokenSeq", result.firstBrokenSeq());
      details.put("reason", result.reason().name());
      log.error("AUDIT CHAIN BROKEN at seq {}: {} ({})", result.firstBrokenSeq(), result.reason(), result.detail());
    }
    trail.record(new AuditEvent(AuditActions.AUDIT_CHAIN_VERIFIED, CurrentUser.SYSTEM_USER, clock.instant(), null, "audit-chain", null,
        null, null, result.valid() ? Outcome.SUCCESS : Outcome.FAILURE, details));
    return result;
  }
}
