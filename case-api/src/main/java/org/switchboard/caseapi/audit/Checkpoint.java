package org.switchboard.caseapi.audit;

import java.time.Instant;

/**
 * The chain's state at one moment, signed outside the database: the row with {@code seq} had {@code hash}
 * at {@code at}. A database that later shows another hash there (or no such row) was rewritten or truncated.
 */
public record Checkpoint(long seq, String hash, Instant at, String mac) {

  /** The bytes the MAC covers; fixed so that a checkpoint can be checked by hand (docs/audit.md). */
  public String signedText() {
    return seq + "\n" + hash + "\n" + at;
  }
}
