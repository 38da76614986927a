package org.switchboard.caseapi.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signed checkpoints as JSON lines in {@code checkpoints.jsonl} under the checkpoint directory, which
 * belongs on storage the database's administrators cannot write (another host, a WORM bucket mount).
 * Each line is appended with one write and forced to disk before the job reports success. The retention
 * job's signed purge records go to {@code purges.jsonl} beside it, under the same key.
 */
public class CheckpointStore {

  static final String FILE_NAME = "checkpoints.jsonl";
  /** Signed purge records of the retention job (docs/audit.md "Retention"), next to the checkpoints. */
  static final String PURGES_FILE_NAME = "purges.jsonl";

  private final Path file;
  private final Path purgesFile;
  private final CheckpointKey key;
  private final ObjectMapper mapper;

  public CheckpointStore(Path dir, CheckpointKey key, ObjectMapper mapper) {
    this.file = dir.resolve(FILE_NAME);
    this.purgesFile = dir.resolve(PURGES_FILE_NAME);
    this.key = key;
    this.mapper = mapper;
  }

  public Path file() {
    return file;
  }

  public Path purgesFile() {
    return purgesFile;
  }

  public synchronized Checkpoint append(long seq, String hash, Instant at) {
    Checkpoint unsigned = new Checkpoint(seq, hash, at, null);
    Checkpoint signed = new Checkpoint(seq, hash, at, key.sign(unsigned.signedText()));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("seq", signed.seq());
    line.put("hash", signed.hash());
    line.put("at", signed.at().toString());
    line.put("mac", signed.mac());
    appendLine(file, line, "audit checkpoint");
    return signed;
  }

  /** Signs the record and appends it to {@code purges.jsonl}, forced to disk before this returns. */
  public synchronized PurgeRecord appendPurge(PurgeRecord unsigned) {
    PurgeRecord signed = unsigned.signedWith(key.sign(unsigned.signedText()));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("firstSeq", signed.firstSeq());
    line.put("lastSeq", signed.lastSeq());
    line.put("count", signed.count());
    line.put("firstPrevHash", signed.firstPrevHash());
    line.put("lastHash", signed.lastHash());
    line.put("digest", signed.digest());
    line.put("actions", signed.actions());
    line.put("cutoff", signed.cutoff().toString());
    line.put("at", signed.at().toString());
    line.put("archive", signed.archive());
    line.put("archiveSha256", signed.archiveSha256());
    line.put("mac", signed.mac());
    appendLine(purgesFile, line, "audit purge record");
    return signed;
  }

  /** Every purge record in {@code purges.jsonl}, in file order, with whether its signature holds. */
  public List<PurgeRead> readPurges() {
    List<PurgeRead> result = new ArrayList<>();
    List<String> lines = lines(purgesFile);
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).trim();
      if (!text.isEmpty()) {
        result.add(parsePurge(i + 1, text));
      }
    }
    return result;
  }

  private PurgeRead parsePurge(int lineNumber, String text) {
    try {
      JsonNode node = mapper.readTree(text);
      SortedMap<String, Long> actions = new TreeMap<>();
      node.path("actions").properties().forEach(e -> actions.put(e.getKey(), e.getValue().asLong()));
      PurgeRecord r = new PurgeRecord(node.path("firstSeq").asLong(), node.path("lastSeq").asLong(),
          node.path("count").asLong(), node.path("firstPrevHash").asText(null), node.path("lastHash").asText(null),
          node.path("digest").asText(null), actions, Instant.parse(node.path("cutoff").asText()),
          Instant.parse(node.path("at").asText()), textOrNull(node, "archive"), textOrNull(node, "archiveSha256"),
          node.path("mac").asText(null));
      return new PurgeRead(lineNumber, r, key.verifies(r.signedText(), r.mac()));
    } catch (JsonProcessingException | RuntimeException e) {
      return new PurgeRead(lineNumber, null, false);
    }
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** One write per line, forced to disk: a line that returned is on storage, not in a cache. */
  private void appendLine(Path target, Map<String, Object> line, String what) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + what + " to " + target, e);
    }
  }

  private static List<String> lines(Path source) {
    if (!Files.exists(source)) {
      return List.of();
    }
    try {
      return Files.readAllLines(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
  }

  /** Every checkpoint in the file, in file order, with whether its signature holds. */
  public List<Read> readAll() {
    List<String> lines = lines(file);
    List<Read> result = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).trim();
      if (!text.isEmpty()) {
        result.add(parse(i + 1, text));
      }
    }
    return result;
  }

  private Read parse(int lineNumber, String text) {
    try {
      JsonNode node = mapper.readTree(text);
      Checkpoint c = new Checkpoint(node.path("seq").asLong(), node.path("hash").asText(null),
          Instant.parse(node.path("at").asText()), node.path("mac").asText(null));
      return new Read(lineNumber, c, key.verifies(c.signedText(), c.mac()));
    } catch (JsonProcessingException | RuntimeException e) {
      return new Read(lineNumber, null, false);
    }
  }

  /** One line of the file; {@code checkpoint} is null when the line is not even well-formed. */
  public record Read(int line, Checkpoint checkpoint, boolean signatureValid) {
  }

  /** One line of {@code purges.jsonl}; {@code record} is null when the line is not even well-formed. */
  public record PurgeRead(int line, PurgeRecord record, boolean signatureValid) {
  }
}
