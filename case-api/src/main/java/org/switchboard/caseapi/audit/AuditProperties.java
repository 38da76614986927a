package org.switchboard.caseapi.audit;

import java.nio.file.Path;
import java.time.Duration;
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
    Path checkpointKeyFile) {
}
