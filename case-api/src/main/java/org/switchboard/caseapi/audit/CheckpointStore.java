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

/**
 * Signed checkpoints as JSON lines in {@code checkpoints.jsonl} under the checkpoint directory, which
 * belongs on storage the database's administrators cannot write (another host, a WORM bucket mount).
 * Each line is appended with one write and forced to disk before the job reports success.
 */
public class CheckpointStore {

  static final String FILE_NAME = "checkpoints.jsonl";

  private final Path file;
  private final CheckpointKey key;
  private final ObjectMapper mapper;

  public CheckpointStore(Path dir, CheckpointKey key, ObjectMapper mapper) {
    this.file = dir.resolve(FILE_NAME);
    this.key = key;
    this.mapper = mapper;
  }

  public Path file() {
    return file;
  }

  public synchronized Checkpoint append(long seq, String hash, Instant at) {
    Checkpoint unsigned = new Checkpoint(seq, hash, at, null);
    Checkpoint signed = new Checkpoint(seq, hash, at, key.sign(unsigned.signedText()));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("seq", signed.seq());
    line.put("hash", signed.hash());
    line.put("at", signed.at().toString());
    line.put("mac", signed.mac());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write audit checkpoint to " + file, e);
    }
    return signed;
  }

  /** Every checkpoint in the file, in file order, with whether its signature holds. */
  public List<Read> readAll() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read audit checkpoints from " + file, e);
    }
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
}
