package org.switchboard.caseapi.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.switchboard.caseapi.config.SwitchboardProperties;

/** Wires the verifier and the checkpoint file; their defaults live under the data directory. */
@Configuration
class AuditConfiguration {

  @Bean
  CheckpointStore auditCheckpointStore(AuditProperties audit, SwitchboardProperties switchboard,
      ObjectMapper mapper) {
    Path dir = audit.checkpointDir() != null ? audit.checkpointDir()
        : switchboard.dataDir().resolve("audit-checkpoints");
    Path keyFile = audit.checkpointKeyFile() != null ? audit.checkpointKeyFile()
        : switchboard.dataDir().resolve("audit-checkpoint.key");
    return new CheckpointStore(dir, CheckpointKey.resolve(audit.checkpointKey(), keyFile), mapper);
  }

  @Bean
  AuditChainVerifier auditChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactions,
      CheckpointStore checkpoints) {
    return new AuditChainVerifier(jdbc, transactions, checkpoints);
  }
}
