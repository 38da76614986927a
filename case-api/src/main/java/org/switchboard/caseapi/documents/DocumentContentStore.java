package org.switchboard.caseapi.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.ContentCipher;
import org.switchboard.caseapi.crypto.ContentCipher.Binding;
import org.switchboard.caseapi.documents.Document.DocumentVersion;
import org.switchboard.caseapi.documents.FileStore.StoredFile;

/**
 * Document content encrypted at rest: streams plaintext through {@link ContentCipher} into the
 * {@link FileStore}, and back. The hash and size it reports are the plaintext's (what clients verify);
 * the store only ever sees ciphertext.
 */
@Component
public class DocumentContentStore {

  private final FileStore fileStore;
  private final ContentCipher cipher;

  public DocumentContentStore(FileStore fileStore, ContentCipher cipher) {
    this.fileStore = fileStore;
    this.cipher = cipher;
  }

  public StoredFile put(Binding binding, InputStream plaintext) {
    MessageDigest sha256 = sha256();
    CountingStream counted = new CountingStream(new DigestInputStream(plaintext, sha256));
    StoredFile stored = fileStore.put(cipher.encrypting(binding, counted));
    return new StoredFile(stored.key(), HexFormat.of().formatHex(sha256.digest()), counted.count);
  }

  /** The plaintext of one version; the caller closes the stream. */
  public InputStream get(String tenantId, DocumentVersion version) {
    InputStream stored = fileStore.get(version.storageKey());
    if (version.contentCaseId() == null) {
      return stored;
    }
    try {
      return cipher.decrypting(
          new Binding(tenantId, version.contentCaseId(), version.documentId(), version.version()), stored);
    } catch (RuntimeException e) {
      closeQuietly(stored);
      throw e;
    }
  }

  /** Content stored for a version that was then not recorded (a lost race); nothing else refers to it. */
  public void discard(StoredFile stored) {
    fileStore.delete(stored.key());
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The read already failed; that failure is the one to report.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private static final class CountingStream extends FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
