package org.switchboard.caseapi.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.config.SwitchboardProperties;

/**
 * Content-addressed files under {@code switchboard.files.root}: the key is the SHA-256 of the content,
 * stored at {@code ab/cd/abcd…}. Identical uploads share one file, and a file left behind by a failed
 * transaction is harmless: nothing points to it, and the next upload of the same bytes reuses it.
 */
@Component
@ConditionalOnProperty(prefix = "switchboard.files", name = "store", havingValue = "local", matchIfMissing = true)
public class LocalFileStore implements FileStore {

  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

  private final Path root;

  public LocalFileStore(SwitchboardProperties properties) {
    Path configured = properties.files().root() != null
        ? properties.files().root()
        : properties.dataDir().resolve("files");
    this.root = configured.toAbsolutePath().normalize();
  }

  @Override
  public StoredFile put(InputStream content) {
    try {
      // The temp file sits under the root so the final move stays on one file system and can be atomic.
      Path incoming = Files.createDirectories(root.resolve("incoming"));
      Path temp = Files.createTempFile(incoming, "upload-", ".part");
      try {
        MessageDigest sha256 = sha256();
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            OutputStream out = Channels.newOutputStream(channel);
            InputStream in = new DigestInputStream(content, sha256)) {
          size = in.transferTo(out);
          // On disk before it becomes visible under its key: a crash must not leave a truncated file there.
          channel.force(true);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        Path target = path(hash);
        Files.createDirectories(target.getParent());
        moveIntoPlace(temp, target);
        return new StoredFile(hash, hash, size);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not store file under " + root, e);
    }
  }

  @Override
  public InputStream get(String key) {
    try {
      return Files.newInputStream(path(key));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read stored file " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(path(key));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete stored file " + key, e);
    }
  }

  /** Where a key lives; also the guard that keeps keys from naming paths outside the root. */
  Path path(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Not a storage key of this store: " + key);
    }
    return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException sameContent) {
      // Same key means same bytes: the existing file already is what we were about to write.
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
