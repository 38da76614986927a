package org.switchboard.caseapi.audit;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores audit events in {@code audit_event}, each carrying the SHA-256 of the previous event's hash
 * and its own canonical form, so changing, deleting, inserting or reordering any row breaks the chain.
 * Appends serialise on the single row of {@code audit_chain_head}.
 */
@Component
public class JdbcAuditTrail implements AuditTrail {

  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  public JdbcAuditTrail(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRED)
  public void record(AuditEvent event) {
    // Microseconds: what PostgreSQL stores, so the hash verifies against the stored row.
    AuditEvent stored = new AuditEvent(event.action(), event.actor(), event.at().truncatedTo(ChronoUnit.MICROS),
        event.tenantId(), event.objectType(), event.objectId(), event.source(), event.client(), event.outcome(),
        event.details());
    ChainHead head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
        .query((rs, row) -> new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
    long seq = head.lastSeq() + 1;
    String details = json(stored);
    String hash = hash(head.lastHash(), seq, stored, details);
    jdbc.sql("""
        INSERT INTO audit_event (seq, action, actor, occurred_at, tenant_id, object_type, object_id, source, client,
          outcome, details, prev_hash, hash)
        VALUES (:seq, :action, :actor, :at, :tenantId, :objectType, :objectId, :source, :client, :outcome, :details,
          :prevHash, :hash)
        """)
        .param("seq", seq).param("action", stored.action()).param("actor", stored.actor())
        .param("at", ts(stored.at())).param("tenantId", stored.tenantId()).param("objectType", stored.objectType())
        .param("objectId", stored.objectId()).param("source", stored.source()).param("client", stored.client())
        .param("outcome", stored.outcome().name()).param("details", details)
        .param("prevHash", head.lastHash()).param("hash", hash)
        .update();
    jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
        .param("seq", seq).param("hash", hash).update();
  }

  /** SHA-256 over the previous hash and every field in a fixed order; the verifier recomputes exactly this. */
  public static String hash(String previousHash, long seq, AuditEvent e, String detailsJson) {
    String canonical = String.join("\u001f", previousHash, Long.toString(seq), e.action(), nz(e.actor()),
        e.at().toString(), nz(e.tenantId()), nz(e.objectType()), nz(e.objectId()), nz(e.source()), nz(e.client()),
        e.outcome().name(), detailsJson);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e2) {
      throw new IllegalStateException(e2);
    }
  }

  private String json(AuditEvent event) {
    try {
      // Sorted keys: the same details always hash the same.
      return mapper.writeValueAsString(new TreeMap<>(event.details()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details are not serialisable", e);
    }
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  private record ChainHead(long lastSeq, String lastHash) {
  }
}
