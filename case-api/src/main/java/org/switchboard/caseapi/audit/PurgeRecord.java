package org.switchboard.caseapi.audit;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one retention purge deleted, signed outside the database before the rows go: rows {@code firstSeq}
 * to {@code lastSeq} ({@code count} of them), which hung off {@code firstPrevHash} and ended in
 * {@code lastHash} (the hash the anchor names afterwards); {@code digest} is the SHA-256 of their hashes in
 * order, each followed by a newline; {@code actions} counts them per action; they were older than
 * {@code cutoff}. {@code archive} and {@code archiveSha256} name the JSON-lines copy of the rows, when one
 * was written.
 */
public record PurgeRecord(
    long firstSeq,
    long lastSeq,
    long count,
    String firstPrevHash,
    String lastHash,
    String digest,
    SortedMap<String, Long> actions,
    Instant cutoff,
    Instant at,
    String archive,
    String archiveSha256,
    String mac) {

  public PurgeRecord {
    actions = actions == null ? new TreeMap<>() : new TreeMap<>(actions);
  }

  PurgeRecord signedWith(String mac) {
    return new PurgeRecord(firstSeq, lastSeq, count, firstPrevHash, lastHash, digest, actions, cutoff, at, archive,
        archiveSha256, mac);
  }

  /**
   * The bytes the MAC covers (docs/audit.md shows how to check it by hand). It starts with {@code purge}, so no
   * checkpoint's signed text can pass for a purge record's or the other way round.
   */
  public String signedText() {
    String actionCounts = actions.entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(","));
    return String.join("\n", "purge", Long.toString(firstSeq), Long.toString(lastSeq), Long.toString(count),
        firstPrevHash, lastHash, digest, actionCounts, cutoff.toString(), at.toString(), nz(archive),
        nz(archiveSha256));
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
