package org.switchboard.caseapi.audit;

import static org.switchboard.caseapi.shared.Jdbc.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.VerificationResult.Reason;

/**
 * Recomputes the audit chain row by row (the same hash as {@link JdbcAuditTrail#hash}) and compares it
 * with the chain head and with the signed checkpoints kept outside the database. The chain alone proves
 * that no single row was changed, removed, inserted or moved; only the checkpoints prove that the tail
 * was not cut off and that the whole chain was not recomputed by someone who can write the table.
 *
 * <p>The chain starts at the retention anchor ({@code audit_chain_anchor}): rows below it were deleted by
 * the retention job, which first signed a purge record of them outside the database. The anchor must be
 * vouched for by the signed purge record that ends right below it, with the same hash, and the first kept
 * row must point at that hash; checkpoints below the anchor are history and no longer checked.
 */
public class AuditChainVerifier {

  private static final int PAGE_SIZE = 1000;

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;
  private final CheckpointStore checkpoints;

  public AuditChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactions, CheckpointStore checkpoints) {
    this.jdbc = jdbc;
    this.checkpoints = checkpoints;
    this.snapshot = new TransactionTemplate(transactions);
    // One snapshot for anchor, head and rows, so appends and purges committed meanwhile neither break nor
    // extend the check.
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  /** Verifies the whole chain from its first kept row. */
  public VerificationResult verify() {
    return verify(false);
  }

  /**
   * With {@code sinceLastCheckpoint}, starts at the newest validly signed checkpoint instead of the first
   * row: cheaper, but a change to a row before that checkpoint then goes unnoticed until the next full run.
   */
  public VerificationResult verify(boolean sinceLastCheckpoint) {
    List<CheckpointStore.Read> reads = checkpoints.readAll();
    for (CheckpointStore.Read read : reads) {
      if (!read.signatureValid()) {
        long seq = read.checkpoint() == null ? 0 : read.checkpoint().seq();
        return VerificationResult.broken(0, 0, null, reads.size(), seq, Reason.CHECKPOINT_SIGNATURE_INVALID,
            "Line " + read.line() + " of " + checkpoints.file() + " is malformed or not signed with this "
                + "installation's checkpoint key", 0);
      }
    }
    List<PurgeRecord> purges = new ArrayList<>();
    for (CheckpointStore.PurgeRead read : checkpoints.readPurges()) {
      if (!read.signatureValid()) {
        long seq = read.record() == null ? 0 : read.record().lastSeq();
        return VerificationResult.broken(0, 0, null, 0, seq, Reason.PURGE_RECORD_SIGNATURE_INVALID,
            "Line " + read.line() + " of " + checkpoints.purgesFile() + " is malformed or not signed with this "
                + "installation's checkpoint key", 0);
      }
      purges.add(read.record());
    }
    Map<Long, Checkpoint> bySeq = new HashMap<>();
    Checkpoint newest = null;
    for (CheckpointStore.Read read : reads) {
      Checkpoint c = read.checkpoint();
      bySeq.merge(c.seq(), c, (a, b) -> a);
      if (newest == null || c.seq() > newest.seq()) {
        newest = c;
      }
    }
    Checkpoint start = sinceLastCheckpoint ? newest : null;
    return snapshot.execute(tx -> walk(bySeq, purges, start));
  }

  private VerificationResult walk(Map<Long, Checkpoint> checkpointsBySeq, List<PurgeRecord> purges,
      Checkpoint newestCheckpoint) {
    Anchor anchor = jdbc.sql("SELECT first_seq, prev_hash FROM audit_chain_anchor WHERE id = 1")
        .query((rs, row) -> new Anchor(rs.getLong("first_seq"), rs.getString("prev_hash"))).optional()
        .orElse(new Anchor(1, JdbcAuditTrail.GENESIS));
    Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
        .query((rs, row) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).optional()
        .orElse(new Head(-1, null));
    VerificationResult anchorBroken = checkAnchor(anchor, purges, checkpointsBySeq);
    if (anchorBroken != null) {
      return anchorBroken;
    }
    // Purge records of rows still present (the job signs before it deletes; a failed delete leaves them
    // behind) vouch for those rows like checkpoints.
    Map<Long, PurgeRecord> pendingPurges = new HashMap<>();
    purges.stream().filter(p -> p.lastSeq() >= anchor.firstSeq())
        .forEach(p -> pendingPurges.merge(p.lastSeq(), p, (a, b) -> a));
    Checkpoint start = newestCheckpoint != null && newestCheckpoint.seq() >= anchor.firstSeq()
        ? newestCheckpoint : null;
    Walk walk = new Walk(checkpointsBySeq, pendingPurges, anchor, start);
    long from = start == null ? anchor.firstSeq() : start.seq();
    // Keyset pages keep memory flat however long the trail grows.
    long[] lastRead = {from - 1};
    int[] inPage = {0};
    do {
      inPage[0] = 0;
      jdbc.sql("SELECT * FROM audit_event WHERE seq > :after ORDER BY seq LIMIT " + PAGE_SIZE)
          .param("after", lastRead[0])
          .query((RowCallbackHandler) rs -> {
            inPage[0]++;
            lastRead[0] = rs.getLong("seq");
            walk.row(rs);
          });
    } while (inPage[0] == PAGE_SIZE && walk.broken == null);
    if (walk.broken != null) {
      return walk.broken;
    }
    if (start != null && walk.checked == 0) {
      return walk.fail(start.seq(), Reason.CHECKPOINT_ROW_MISSING,
          "The row of the checkpoint signed at " + start.at() + " is gone");
    }
    if (head.seq() != walk.lastSeq || !Objects.equals(head.hash(), walk.lastHash)) {
      long firstBroken = Math.min(head.seq(), walk.lastSeq) + 1;
      return walk.fail(firstBroken, Reason.HEAD_MISMATCH, "The chain head names seq " + head.seq()
          + " but the last row is seq " + walk.lastSeq + (head.seq() == walk.lastSeq ? " with another hash" : ""));
    }
    Optional<Checkpoint> beyondTail = checkpointsBySeq.values().stream()
        .filter(c -> c.seq() > walk.lastSeq)
        .min(Comparator.comparingLong(Checkpoint::seq));
    if (beyondTail.isPresent()) {
      Checkpoint c = beyondTail.get();
      return walk.fail(walk.lastSeq + 1, Reason.CHECKPOINT_ROW_MISSING, "A checkpoint signed at " + c.at()
          + " names seq " + c.seq() + ", but the chain ends at seq " + walk.lastSeq + ": its tail was removed");
    }
    Optional<PurgeRecord> purgeBeyondTail = pendingPurges.values().stream()
        .filter(p -> p.lastSeq() > walk.lastSeq)
        .min(Comparator.comparingLong(PurgeRecord::lastSeq));
    if (purgeBeyondTail.isPresent()) {
      PurgeRecord p = purgeBeyondTail.get();
      return walk.fail(walk.lastSeq + 1, Reason.CHECKPOINT_ROW_MISSING, "A purge record signed at " + p.at()
          + " names seq " + p.lastSeq() + ", but the chain ends at seq " + walk.lastSeq + ": its tail was removed");
    }
    return VerificationResult.valid(walk.checked, walk.lastSeq, walk.lastHash, walk.checkpointsMatched,
        anchor.firstSeq());
  }

  /**
   * An anchor past seq 1 needs the signed purge record that ends right below it, naming the anchor's hash;
   * a checkpoint of that last purged row must agree too. Without such a record, someone who can switch
   * off the triggers moved the anchor to hide rows.
   */
  private static VerificationResult checkAnchor(Anchor anchor, List<PurgeRecord> purges,
      Map<Long, Checkpoint> checkpointsBySeq) {
    long firstSeq = anchor.firstSeq();
    if (firstSeq <= 1) {
      if (firstSeq < 1 || !JdbcAuditTrail.GENESIS.equals(anchor.prevHash())) {
        return VerificationResult.broken(0, 0, null, 0, 1, Reason.ANCHOR_MISMATCH,
            "The retention anchor names seq " + firstSeq + " with another hash than the chain's start", firstSeq);
      }
      return null;
    }
    long lastPurged = firstSeq - 1;
    List<PurgeRecord> ending = purges.stream().filter(p -> p.lastSeq() == lastPurged).toList();
    if (ending.isEmpty()) {
      long vouchedUpTo = purges.stream().mapToLong(PurgeRecord::lastSeq).filter(s -> s < lastPurged).max()
          .orElse(0);
      return VerificationResult.broken(0, lastPurged, anchor.prevHash(), 0, vouchedUpTo + 1, Reason.ANCHOR_UNSIGNED,
          "The retention anchor says rows up to seq " + lastPurged + " were purged, but no signed purge record "
              + "ends there: rows " + (vouchedUpTo + 1) + ".." + lastPurged + " were removed outside the "
              + "retention job", firstSeq);
    }
    if (ending.stream().noneMatch(p -> p.lastHash().equals(anchor.prevHash()))) {
      return VerificationResult.broken(0, lastPurged, anchor.prevHash(), 0, lastPurged, Reason.ANCHOR_MISMATCH,
          "The signed purge record of rows up to seq " + lastPurged + " names another hash than the retention "
              + "anchor", firstSeq);
    }
    Checkpoint c = checkpointsBySeq.get(lastPurged);
    if (c != null && !c.hash().equals(anchor.prevHash())) {
      return VerificationResult.broken(0, lastPurged, anchor.prevHash(), 0, lastPurged,
          Reason.CHECKPOINT_MISMATCH, "The checkpoint signed at " + c.at() + " names another hash for seq "
              + lastPurged + " than the retention anchor", firstSeq);
    }
    return null;
  }

  private record Head(long seq, String hash) {
  }

  private record Anchor(long firstSeq, String prevHash) {
  }

  /** State of one pass over the rows; stops checking at the first break. */
  private static final class Walk {
    private final Map<Long, Checkpoint> checkpoints;
    private final Map<Long, PurgeRecord> pendingPurges;
    private final long firstSeq;
    private long expectedSeq;
    private String previousHash;
    private long checked;
    private long lastSeq;
    private String lastHash;
    private VerificationResult broken;
    private int checkpointsMatched;

    Walk(Map<Long, Checkpoint> checkpoints, Map<Long, PurgeRecord> pendingPurges, Anchor anchor, Checkpoint start) {
      this.checkpoints = checkpoints;
      this.pendingPurges = pendingPurges;
      this.firstSeq = anchor.firstSeq();
      this.expectedSeq = start == null ? anchor.firstSeq() : start.seq();
      this.previousHash = start == null ? anchor.prevHash() : null;
      this.lastSeq = start == null ? anchor.firstSeq() - 1 : start.seq() - 1;
      this.lastHash = start == null ? anchor.prevHash() : null;
    }

    void row(ResultSet rs) throws SQLException {
      if (broken != null) {
        return;
      }
      long seq = rs.getLong("seq");
      String prevHash = rs.getString("prev_hash");
      String hash = rs.getString("hash");
      if (seq != expectedSeq) {
        broken = fail(expectedSeq, Reason.SEQ_GAP, seq > expectedSeq
            ? "Rows " + expectedSeq + (seq - 1 > expectedSeq ? ".." + (seq - 1) : "") + " are missing"
            : "Unexpected seq " + seq);
        return;
      }
      if (previousHash == null) {
        // Starting at a checkpoint: its row vouches for everything before it.
        previousHash = prevHash;
      }
      if (!previousHash.equals(prevHash)) {
        broken = fail(seq, Reason.PREV_HASH_MISMATCH, seq == firstSeq && seq > 1
            ? "Row " + seq + ", the first kept row, does not point at the retention anchor's hash"
            : "Row " + seq + " does not point at the hash of row " + (seq - 1));
        return;
      }
      String recomputed = recompute(rs, seq, prevHash);
      if (!recomputed.equals(hash)) {
        broken = fail(seq, Reason.HASH_MISMATCH, "The fields of row " + seq + " do not hash to its stored hash");
        return;
      }
      Checkpoint checkpoint = checkpoints.get(seq);
      if (checkpoint != null) {
        if (!checkpoint.hash().equals(hash)) {
          broken = fail(seq, Reason.CHECKPOINT_MISMATCH, "Row " + seq + " has another hash than the checkpoint "
              + "signed at " + checkpoint.at() + ": the chain was rewritten at or before this row");
          return;
        }
        checkpointsMatched++;
      }
      PurgeRecord purge = pendingPurges.get(seq);
      if (purge != null && !purge.lastHash().equals(hash)) {
        broken = fail(seq, Reason.CHECKPOINT_MISMATCH, "Row " + seq + " has another hash than the purge record "
            + "signed at " + purge.at() + ": the chain was rewritten at or before this row");
        return;
      }
      checked++;
      lastSeq = seq;
      lastHash = hash;
      previousHash = hash;
      expectedSeq = seq + 1;
    }

    VerificationResult fail(long seq, Reason reason, String detail) {
      return VerificationResult.broken(checked, lastSeq, lastHash, checkpointsMatched, seq, reason, detail,
          firstSeq);
    }
  }

  /** The hash the row's fields give with {@code prevHash}; empty when the row is not even well-formed. */
  static String recompute(ResultSet rs, long seq, String prevHash) throws SQLException {
    AuditEvent.Outcome outcome;
    try {
      outcome = AuditEvent.Outcome.valueOf(rs.getString("outcome"));
    } catch (IllegalArgumentException | NullPointerException e) {
      return "";
    }
    Instant at = instant(rs, "occurred_at");
    if (at == null) {
      return "";
    }
    AuditEvent event = new AuditEvent(rs.getString("action"), rs.getString("actor"), at, rs.getString("tenant_id"),
        rs.getString("object_type"), rs.getString("object_id"), rs.getString("source"), rs.getString("client"),
        outcome, null);
    return JdbcAuditTrail.hash(prevHash, seq, event, rs.getString("details"));
  }
}
