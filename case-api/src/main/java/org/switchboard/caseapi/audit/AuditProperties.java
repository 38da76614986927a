package org.switchboard.caseapi.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.audit.*}: how often the chain is verified and where the signed checkpoints go. The
 * checkpoint key comes from the environment (SWITCHBOARD_AUDIT_CHECKPOINT_KEY) or a key file outside the
 * database, never from the database the checkpoints are meant to guard.
 */
@ConfigurationProperties("switchboard.audit")
public record AuditProperties(
    @DefaultValue("1h") Duration verifyInterval,
    @DefaultValue("true") boolean verifyEnabled,
    String checkpointKey,
    Path checkpointDir,
    Path checkpointKeyFile,
    @DefaultValue Retention retention) {

  /**
   * {@code switchboard.audit.retention.*}: the purge of audit events older than {@code period} (docs/audit.md
   * "Retention"). Off unless enabled: deleting audit evidence is the operator's decision.
   */
  public record Retention(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("6y") Period period,
      @DefaultValue("1d") Duration interval,
      @DefaultValue("10000") int batchSize,
      Path archiveDir) {

    public Retention {
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("switchboard.audit.retention.period must be positive");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("switchboard.audit.retention.batch-size must be at least 1");
      }
    }
  }
}
