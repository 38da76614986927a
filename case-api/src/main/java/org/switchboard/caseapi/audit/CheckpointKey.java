package org.switchboard.caseapi.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC-SHA256 key that signs checkpoints. Configured keys win; without one, a random key is created
 * once per installation in a file readable by the owner only, and a warning says so: such a key protects
 * against someone who can change the database but not the application's file system.
 */
public final class CheckpointKey {

  private static final Logger log = LoggerFactory.getLogger(CheckpointKey.class);
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;

  private CheckpointKey(byte[] key) {
    this.key = key.clone();
  }

  public static CheckpointKey of(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("The audit checkpoint key must have at least 32 bytes");
    }
    return new CheckpointKey(key);
  }

  /** The configured key (any text of 32+ characters) or the installation's key file, created when missing. */
  public static CheckpointKey resolve(String configured, Path keyFile) {
    if (configured != null && !configured.isBlank()) {
      return of(configured.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!Files.exists(keyFile)) {
        create(keyFile);
        log.warn("switchboard.audit.checkpoint-key is not set: generated a checkpoint signing key in {}. "
            + "Keep it (and a copy) away from the database host's administrators, or configure the key.",
            keyFile.toAbsolutePath());
      }
      byte[] hex = Files.readAllBytes(keyFile);
      return of(HexFormat.of().parseHex(new String(hex, StandardCharsets.US_ASCII).trim()));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read or create the audit checkpoint key file " + keyFile, e);
    }
  }

  private static void create(Path keyFile) throws IOException {
    Path dir = keyFile.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    byte[] text = HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII);
    try {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(ownerOnly));
      } else {
        Files.createFile(keyFile);
      }
      Files.write(keyFile, text, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException anotherNodeWasFaster) {
      // the other node's key is the installation's key
    }
  }

  public String sign(String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean verifies(String text, String macHex) {
    if (macHex == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
        macHex.getBytes(StandardCharsets.US_ASCII));
  }
}
