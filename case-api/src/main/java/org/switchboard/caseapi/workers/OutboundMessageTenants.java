package org.switchboard.caseapi.workers;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which tenant an outbound message belongs to: checked before a remote worker may touch it. */
@Component
public class OutboundMessageTenants {

  private final JdbcClient jdbc;

  public OutboundMessageTenants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> tenantOf(String messageId) {
    return jdbc.sql("SELECT tenant_id FROM message WHERE id = :id AND direction = 'OUTBOUND'")
        .param("id", messageId).query(String.class).optional();
  }
}
