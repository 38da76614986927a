package org.switchboard.caseapi.audit;

/**
 * What a verification found. When {@code valid} is false, {@code firstBrokenSeq} is the first sequence
 * number that cannot be trusted and {@code reason} says which check failed; {@code detail} explains.
 * {@code firstSeq} is where the chain starts: 1, or the first row the retention job kept.
 */
public record VerificationResult(
    boolean valid,
    long checkedRows,
    long lastSeq,
    String lastHash,
    int checkpointsChecked,
    Long firstBrokenSeq,
    Reason reason,
    String detail,
    long firstSeq) {

  public enum Reason {
    /** A row's stored hash is not the hash of its fields: the row was changed. */
    HASH_MISMATCH,
    /** A row does not point at its predecessor's hash: a row was inserted, removed or moved. */
    PREV_HASH_MISMATCH,
    /** Sequence numbers skip: rows were deleted. */
    SEQ_GAP,
    /** The chain head does not name the last row: rows were removed from or added past the end. */
    HEAD_MISMATCH,
    /** A signed checkpoint names a row that no longer exists: the tail was truncated. */
    CHECKPOINT_ROW_MISSING,
    /** The row a signed checkpoint names has another hash now: the chain was rewritten. */
    CHECKPOINT_MISMATCH,
    /** A checkpoint line is malformed or its signature does not hold: the checkpoint file was tampered with. */
    CHECKPOINT_SIGNATURE_INVALID,
    /** A line of the purge record file is malformed or not signed with this installation's key. */
    PURGE_RECORD_SIGNATURE_INVALID,
    /** The retention anchor was moved past rows no signed purge record accounts for: rows were hidden. */
    ANCHOR_UNSIGNED,
    /** The retention anchor, the first kept row and the signed purge record ending below it disagree. */
    ANCHOR_MISMATCH
  }

  static VerificationResult valid(long checkedRows, long lastSeq, String lastHash, int checkpoints,
      long firstSeq) {
    return new VerificationResult(true, checkedRows, lastSeq, lastHash, checkpoints, null, null, null, firstSeq);
  }

  static VerificationResult broken(long checkedRows, long lastSeq, String lastHash, int checkpoints, long seq,
      Reason reason, String detail, long firstSeq) {
    return new VerificationResult(false, checkedRows, lastSeq, lastHash, checkpoints, seq, reason, detail,
        firstSeq);
  }
}
