package org.switchboard.caseapi.workers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows the remote-worker endpoints work on: a channel account and a queued outbound message of a tenant. */
public final class RemoteWorkerRows {

  private RemoteWorkerRows() {
  }

  /** An enabled SMS account of the tenant on a number of its own; returns its id. */
  public static String channelAccount(JdbcClient jdbc, String tenantId) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String number = "+1555" + String.format("%07d", Math.floorMod(id.hashCode(), 10_000_000));
    jdbc.sql("""
        INSERT INTO channel_account (id, tenant_id, channel, provider, address, case_type, settings, secret_refs,
            enabled, created_at, updated_at)
        VALUES (:id, :tenant, 'SMS', 'twilio', :address, NULL, '{"accountSid":"AC-test"}',
            '{"authToken":"TEST_TWILIO_AUTH_TOKEN"}', TRUE, :now, :now)
        """).param("id", id).param("tenant", tenantId).param("address", number).param("now", now).update();
    return id;
  }

  /** A queued outbound SMS of the tenant (no content: the ledger decides what a claim returns); returns its id. */
  public static String outboundMessage(JdbcClient jdbc, String tenantId, String accountId, String caseId) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO message (id, tenant_id, channel, direction, account_id, case_id, state, attempts, created_at,
            updated_at)
        VALUES (:id, :tenant, 'SMS', 'OUTBOUND', :account, :caseId, 'QUEUED', 0, :now, :now)
        """).param("id", id).param("tenant", tenantId).param("account", accountId).param("caseId", caseId)
        .param("now", now).update();
    return id;
  }
}
