package org.switchboard.caseapi.audit;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;

/**
 * Deletes audit events older than {@code switchboard.audit.retention.period} without losing tamper evidence
 * (docs/audit.md "Retention"). It purges only a prefix of the chain, only rows a validly signed checkpoint
 * already covers, and only after the whole chain verifies. Per batch it first writes (and forces to disk)
 * the optional JSON-lines archive of the rows and a signed purge record outside the database; then one
 * transaction advances {@code audit_chain_anchor} past the batch, deletes it (the database refuses deleting
 * anything at or above the anchor) and records {@value AuditActions#AUDIT_PURGED} in the chain.
 *
 * <p>A crash between the purge record and the commit leaves a purge record of rows still present: the
 * verifier treats it like a checkpoint, and the next run signs the batch again and deletes it.
 */
@Component
public class AuditRetentionJob {

  public static final String ACTOR = "system:audit-retention";

  private static final Logger log = LoggerFactory.getLogger(AuditRetentionJob.class);

  private final AuditChainVerifier verifier;
  private final CheckpointStore checkpoints;
  private final AuditTrail trail;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final AuditProperties.Retention retention;
  private final ObjectMapper mapper;
  private final Clock clock;

  @Autowired
  public AuditRetentionJob(AuditChainVerifier verifier, CheckpointStore checkpoints, AuditTrail trail,
      JdbcClient jdbc, PlatformTransactionManager transactions, AuditProperties properties, ObjectMapper mapper,
      Clock clock) {
    this(verifier, checkpoints, trail, jdbc, transactions, properties.retention(), mapper, clock);
  }

  public AuditRetentionJob(AuditChainVerifier verifier, CheckpointStore checkpoints, AuditTrail trail,
      JdbcClient jdbc, PlatformTransactionManager transactions, AuditProperties.Retention retention,
      ObjectMapper mapper, Clock clock) {
    this.verifier = verifier;
    this.checkpoints = checkpoints;
    this.trail = trail;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.retention = retention;
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * What one run did: rows {@code firstPurgedSeq..lastPurgedSeq} in {@code batches} purges (none when
   * {@code purgedRows} is 0); {@code refusal} is {@code CHAIN_BROKEN} when the chain did not verify.
   */
  public record Result(Instant cutoff, int batches, long purgedRows, Long firstPurgedSeq, Long lastPurgedSeq,
      long firstKeptSeq, String refusal) {
  }

  public synchronized Result run() {
    Instant now = clock.instant();
    Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(retention.period()).toInstant();
    VerificationResult chain = verifier.verify();
    if (!chain.valid()) {
      // Deleting rows of a broken chain would destroy the evidence of what broke it.
      log.error("Audit retention refused: the chain is broken at seq {} ({})", chain.firstBrokenSeq(),
          chain.reason());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reason", "CHAIN_BROKEN");
      details.put("chainReason", chain.reason().name());
      details.put("firstBrokenSeq", chain.firstBrokenSeq());
      details.put("cutoff", cutoff.toString());
      transaction.executeWithoutResult(s -> trail.record(event(Outcome.FAILURE, details)));
      return new Result(cutoff, 0, 0, null, null, chain.firstSeq(), "CHAIN_BROKEN");
    }
    long covered = checkpoints.readAll().stream()
        .filter(CheckpointStore.Read::signatureValid)
        .mapToLong(r -> r.checkpoint().seq())
        .filter(seq -> seq <= chain.lastSeq())
        .max().orElse(0);
    Anchor anchor = anchor();
    // The purge is a prefix of the chain: it stops before the first row that is not old enough (timestamps
    // of concurrent writers need not follow seq), after the newest signed checkpoint, and before the last
    // row, because the anchor must rest on a row that is kept.
    Long firstYoung = jdbc.sql("SELECT min(seq) FROM audit_event WHERE seq >= :first AND occurred_at >= :cutoff")
        .param("first", anchor.firstSeq()).param("cutoff", ts(cutoff)).query(Long.class).optional().orElse(null);
    long end = Math.min(covered, chain.lastSeq() - 1);
    if (firstYoung != null) {
      end = Math.min(end, firstYoung - 1);
    }
    int batches = 0;
    long purged = 0;
    Long firstPurged = null;
    long from = anchor.firstSeq();
    String prevHash = anchor.prevHash();
    while (from <= end) {
      long to = Math.min(end, from + retention.batchSize() - 1);
      PurgeRecord record = purge(from, to, prevHash, cutoff);
      batches++;
      purged += record.count();
      firstPurged = firstPurged == null ? from : firstPurged;
      from = to + 1;
      prevHash = record.lastHash();
    }
    if (purged > 0) {
      log.info("Audit retention purged {} rows (seq {}..{}) older than {} in {} batches", purged, firstPurged,
          from - 1, cutoff, batches);
    }
    return new Result(cutoff, batches, purged, firstPurged, purged > 0 ? from - 1 : null, from, null);
  }

  /** One batch: archive, sign, then advance the anchor, delete and record, in one transaction. */
  private PurgeRecord purge(long from, long to, String prevHash, Instant cutoff) {
    Path archive = retention.archiveDir() == null ? null
        : retention.archiveDir().resolve("audit-events-" + from + "-" + to + ".jsonl");
    Batch batch = read(from, to, prevHash, archive);
    PurgeRecord record = checkpoints.appendPurge(new PurgeRecord(from, to, batch.count, prevHash, batch.lastHash,
        batch.digest(), batch.actions, cutoff, clock.instant(), archive == null ? null : archive.getFileName()
        .toString(), archive == null ? null : batch.archiveSha256(), null));
    transaction.executeWithoutResult(s -> {
      int moved = jdbc.sql("""
          UPDATE audit_chain_anchor SET first_seq = :next, prev_hash = :hash, purged_at = :at,
            purge_count = purge_count + 1, purged_rows = purged_rows + :count
          WHERE id = 1 AND first_seq = :from
          """).param("next", to + 1).param("hash", record.lastHash()).param("at", ts(record.at()))
          .param("count", record.count()).param("from", from).update();
      if (moved != 1) {
        throw new IllegalStateException("The audit chain anchor moved meanwhile (another node purges)");
      }
      int deleted = jdbc.sql("DELETE FROM audit_event WHERE seq >= :from AND seq <= :to")
          .param("from", from).param("to", to).update();
      if (deleted != record.count()) {
        throw new IllegalStateException("Expected to purge " + record.count() + " audit rows, found " + deleted);
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("firstSeq", from);
      details.put("lastSeq", to);
      details.put("count", record.count());
      details.put("actions", record.actions());
      details.put("cutoff", cutoff.toString());
      details.put("lastHash", record.lastHash());
      details.put("purgeRecordAt", record.at().toString());
      if (record.archive() != null) {
        details.put("archive", record.archive());
      }
      trail.record(event(Outcome.SUCCESS, details));
    });
    return record;
  }

  /**
   * Reads the batch, checking once more that it is the unbroken chain the verifier saw (it could have been
   * changed since), and writes the archive file when one is configured.
   */
  private Batch read(long from, long to, String prevHash, Path archive) {
    Batch batch;
    try (FileChannel out = archive == null ? null : openArchive(archive)) {
      batch = new Batch(from, prevHash, out);
      jdbc.sql("SELECT * FROM audit_event WHERE seq >= :from AND seq <= :to ORDER BY seq")
          .param("from", from).param("to", to)
          .query((RowCallbackHandler) rs -> batch.add(rs, out == null ? null : archiveLine(rs)));
      if (batch.count != to - from + 1) {
        throw new IllegalStateException("Audit rows " + from + ".." + to + " are not all there");
      }
      if (out != null) {
        out.force(true);
      }
    } catch (IOException e) {
      deleteQuietly(archive);
      throw new UncheckedIOException("Cannot write the audit archive " + archive, e);
    } catch (RuntimeException e) {
      // No purge record will name a half-written archive.
      deleteQuietly(archive);
      throw e;
    }
    return batch;
  }

  private static void deleteQuietly(Path archive) {
    if (archive == null) {
      return;
    }
    try {
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      log.warn("Cannot delete the incomplete audit archive {}", archive, e);
    }
  }

  private static FileChannel openArchive(Path archive) throws IOException {
    Files.createDirectories(archive.toAbsolutePath().getParent());
    // A rerun after a crash writes the same range again: the same rows give the same file.
    return FileChannel.open(archive, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** One archived row: the columns as stored (details as its exact JSON text), so each hash can be recomputed. */
  private byte[] archiveLine(ResultSet rs) throws SQLException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("seq", rs.getLong("seq"));
    line.put("occurredAt", instant(rs, "occurred_at").toString());
    line.put("action", rs.getString("action"));
    line.put("actor", rs.getString("actor"));
    line.put("tenantId", rs.getString("tenant_id"));
    line.put("objectType", rs.getString("object_type"));
    line.put("objectId", rs.getString("object_id"));
    line.put("source", rs.getString("source"));
    line.put("client", rs.getString("client"));
    line.put("outcome", rs.getString("outcome"));
    line.put("details", rs.getString("details"));
    line.put("prevHash", rs.getString("prev_hash"));
    line.put("hash", rs.getString("hash"));
    try {
      return (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Anchor anchor() {
    return jdbc.sql("SELECT first_seq, prev_hash FROM audit_chain_anchor WHERE id = 1")
        .query((rs, row) -> new Anchor(rs.getLong("first_seq"), rs.getString("prev_hash"))).single();
  }

  private AuditEvent event(Outcome outcome, Map<String, Object> details) {
    return new AuditEvent(AuditActions.AUDIT_PURGED, ACTOR, clock.instant(), null, "audit-chain", null, null, null,
        outcome, details);
  }

  private record Anchor(long firstSeq, String prevHash) {
  }

  /** The rows of one batch as they stream by: chain check, digest of their hashes, counts, archive. */
  private static final class Batch {
    private final MessageDigest hashes = sha256();
    private final MessageDigest archived = sha256();
    private final SortedMap<String, Long> actions = new TreeMap<>();
    private long expectedSeq;
    private String lastHash;
    private long count;
    private final FileChannel archive;

    Batch(long from, String prevHash, FileChannel archive) {
      this.expectedSeq = from;
      this.lastHash = prevHash;
      this.archive = archive;
    }

    void add(ResultSet rs, byte[] archiveLine) throws SQLException {
      long seq = rs.getLong("seq");
      String hash = rs.getString("hash");
      if (seq != expectedSeq || !lastHash.equals(rs.getString("prev_hash"))
          || !AuditChainVerifier.recompute(rs, seq, lastHash).equals(hash)) {
        throw new IllegalStateException("Audit row " + seq + " changed since the chain was verified; nothing purged");
      }
      hashes.update((hash + "\n").getBytes(StandardCharsets.US_ASCII));
      actions.merge(rs.getString("action"), 1L, Long::sum);
      if (archiveLine != null) {
        archived.update(archiveLine);
        writeArchive(archiveLine);
      }
      lastHash = hash;
      expectedSeq = seq + 1;
      count++;
    }

    void writeArchive(byte[] line) {
      if (archive == null) {
        return;
      }
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          archive.write(buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String digest() {
      return HexFormat.of().formatHex(hashes.digest());
    }

    String archiveSha256() {
      return HexFormat.of().formatHex(archived.digest());
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
