package org.switchboard.caseapi.crypto;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Segmented streaming AES-256-GCM for document content, so files of any size are encrypted and
 * decrypted in 64 KiB pieces and never held in memory whole.
 *
 * <pre>
 * header:  magic "\0SBXENC1" | key id length (1) | key id | segment size (4) | salt (32) | nonce prefix (8)
 * body:    segment 0 | segment 1 | … | final segment      each = GCM ciphertext | tag (16)
 * </pre>
 * The file key is HKDF-SHA256(case data key, salt, binding), so each file has its own key. Segment i's
 * nonce is {@code prefix | i (4 bytes)}; its associated data is the header, the binding (tenant, case,
 * document, version), i and a final-segment flag: a file moved to another document, version, case or
 * tenant, reordered segments, or a file cut at any point (even at a segment boundary) fails to decrypt.
 * Content without the magic header is plaintext stored before encryption existed and passes through.
 */
@Component
public class ContentCipher {

  static final byte[] MAGIC = "\0SBXENC1".getBytes(StandardCharsets.US_ASCII);
  static final int SEGMENT_BYTES = 64 * 1024;
  private static final int TAG_BYTES = 16;
  private static final int SALT_BYTES = 32;
  private static final int PREFIX_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataKeys dataKeys;

  public ContentCipher(DataKeys dataKeys) {
    this.dataKeys = dataKeys;
  }

  /** Where content belongs; the case is the one whose data key seals it (it stays when a merge moves the document). */
  public record Binding(String tenantId, String caseId, String documentId, int version) {

    public Binding {
      if (tenantId == null || caseId == null || documentId == null) {
        throw new IllegalArgumentException("Tenant, case and document are all part of the associated data");
      }
    }

    byte[] encoded() {
      StringBuilder out = new StringBuilder("switchboard-document-v1;");
      for (String part : new String[] {tenantId, caseId, documentId, Integer.toString(version)}) {
        out.append(part.length()).append(':').append(part).append(';');
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "document " + documentId + " version " + version + " (case " + caseId + ", tenant " + tenantId + ")";
    }
  }

  /** The data key named in the header of stored content; empty for plaintext stored before encryption. */
  public static java.util.Optional<String> keyIdOf(InputStream stored) throws IOException {
    byte[] start = stored.readNBytes(MAGIC.length);
    if (!Arrays.equals(start, MAGIC)) {
      return java.util.Optional.empty();
    }
    int keyIdLength = stored.read();
    if (keyIdLength < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new String(stored.readNBytes(keyIdLength), StandardCharsets.US_ASCII));
  }

  /** A stream of the ciphertext of {@code plaintext}; reading it encrypts segment by segment. */
  public InputStream encrypting(Binding binding, InputStream plaintext) {
    DataKeys.ActiveKey key = dataKeys.active(binding.tenantId(), Subject.ofCase(binding.caseId()));
    byte[] salt = random(SALT_BYTES);
    byte[] prefix = random(PREFIX_BYTES);
    byte[] keyId = key.id().getBytes(StandardCharsets.US_ASCII);
    byte[] header = ByteBuffer.allocate(MAGIC.length + 1 + keyId.length + 4 + SALT_BYTES + PREFIX_BYTES)
        .put(MAGIC).put((byte) keyId.length).put(keyId).putInt(SEGMENT_BYTES).put(salt).put(prefix).array();
    byte[] encodedBinding = binding.encoded();
    return new EncryptingStream(plaintext, key.derive(salt, encodedBinding), header, encodedBinding, prefix);
  }

  /**
   * The plaintext of stored content. The header and the first segment are checked before this returns,
   * so a misplaced or damaged file fails here rather than halfway through a download.
   *
   * @throws DecryptionFailedException when the content was altered, cut, reordered or belongs elsewhere
   */
  public InputStream decrypting(Binding binding, InputStream stored) {
    PushbackInputStream in = new PushbackInputStream(stored, MAGIC.length);
    try {
      byte[] start = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(start, MAGIC)) {
        in.unread(start);
        return in;
      }
      DataInputStream data = new DataInputStream(in);
      int keyIdLength = data.readUnsignedByte();
      byte[] keyId = new byte[keyIdLength];
      data.readFully(keyId);
      int segmentBytes = data.readInt();
      if (segmentBytes <= 0 || segmentBytes > 16 * 1024 * 1024) {
        throw failed(binding, null);
      }
      byte[] salt = new byte[SALT_BYTES];
      data.readFully(salt);
      byte[] prefix = new byte[PREFIX_BYTES];
      data.readFully(prefix);
      byte[] header = ByteBuffer.allocate(MAGIC.length + 1 + keyIdLength + 4 + SALT_BYTES + PREFIX_BYTES)
          .put(MAGIC).put((byte) keyIdLength).put(keyId).putInt(segmentBytes).put(salt).put(prefix).array();
      byte[] encodedBinding = binding.encoded();
      SecretKey fileKey = Aead.aesKey(Aead.hkdf(
          dataKeys.material(new String(keyId, StandardCharsets.US_ASCII)).getEncoded(), salt, encodedBinding, 32));
      return new DecryptingStream(in, fileKey, header, encodedBinding, prefix, segmentBytes, binding);
    } catch (EOFException e) {
      throw failed(binding, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read stored content of " + binding, e);
    }
  }

  private static DecryptionFailedException failed(Binding binding, Exception cause) {
    return new DecryptionFailedException("Stored content of " + binding + " failed authentication: it was altered, "
        + "cut short, reordered or belongs to another document", cause);
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static byte[] nonce(byte[] prefix, long index) {
    if (index > 0xFFFF_FFFFL) {
      throw new IllegalStateException("Content exceeds 2^32 segments");
    }
    return ByteBuffer.allocate(PREFIX_BYTES + 4).put(prefix).putInt((int) index).array();
  }

  private static byte[] aad(byte[] header, byte[] binding, long index, boolean last) {
    return ByteBuffer.allocate(header.length + binding.length + 9)
        .put(header).put(binding).putLong(index).put((byte) (last ? 1 : 0)).array();
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Emits one segment of output at a time; keeps the next plaintext segment read ahead to know which is last. */
  private abstract static class SegmentStream extends InputStream {
    private final InputStream source;
    private final int segmentBytes;
    private byte[] next;
    private byte[] out = new byte[0];
    private int pos;
    private long index;
    private boolean done;

    SegmentStream(InputStream source, int segmentBytes) {
      this.source = source;
      this.segmentBytes = segmentBytes;
    }

    abstract byte[] transform(byte[] segment, long index, boolean last);

    void start(byte[] initial) {
      out = initial;
      try {
        next = source.readNBytes(segmentBytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (pos == out.length) {
        if (done) {
          return -1;
        }
        advance();
      }
      int n = Math.min(len, out.length - pos);
      System.arraycopy(out, pos, b, off, n);
      pos += n;
      return n;
    }

    void advance() throws IOException {
      byte[] current = next;
      next = source.readNBytes(segmentBytes);
      boolean last = next.length == 0;
      out = transform(current, index++, last);
      pos = 0;
      done = last;
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }

  private static final class EncryptingStream extends SegmentStream {
    private final SecretKey key;
    private final byte[] header;
    private final byte[] binding;
    private final byte[] prefix;

    EncryptingStream(InputStream plaintext, SecretKey key, byte[] header, byte[] binding, byte[] prefix) {
      super(plaintext, SEGMENT_BYTES);
      this.key = key;
      this.header = header;
      this.binding = binding;
      this.prefix = prefix;
      start(header);
    }

    @Override
    byte[] transform(byte[] segment, long index, boolean last) {
      try {
        return cipher(Cipher.ENCRYPT_MODE, key, nonce(prefix, index), aad(header, binding, index, last))
            .doFinal(segment);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available", e);
      }
    }
  }

  private static final class DecryptingStream extends SegmentStream {
    private final SecretKey key;
    private final byte[] header;
    private final byte[] binding;
    private final byte[] prefix;
    private final Binding where;

    DecryptingStream(InputStream ciphertext, SecretKey key, byte[] header, byte[] binding, byte[] prefix,
        int segmentBytes, Binding where) {
      super(ciphertext, segmentBytes + TAG_BYTES);
      this.key = key;
      this.header = header;
      this.binding = binding;
      this.prefix = prefix;
      this.where = where;
      start(new byte[0]);
      try {
        advance();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read stored content of " + where, e);
      }
    }

    @Override
    byte[] transform(byte[] segment, long index, boolean last) {
      if (segment.length < TAG_BYTES) {
        throw failed(where, null);
      }
      try {
        return cipher(Cipher.DECRYPT_MODE, key, nonce(prefix, index), aad(header, binding, index, last))
            .doFinal(segment);
      } catch (AEADBadTagException e) {
        throw failed(where, e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available", e);
      }
    }
  }
}
