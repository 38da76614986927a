package org.switchboard.caseapi.documents;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;

/**
 * Tells what a file is from its bytes, never from the name or the type the client claims. Only the file
 * name's {@code .csv} ending is used, to tell CSV from other plain text (they have no magic bytes).
 */
@Component
public class ContentSniffer {

  public static final String PDF = "application/pdf";
  public static final String PNG = "image/png";
  public static final String JPEG = "image/jpeg";
  public static final String GIF = "image/gif";
  public static final String WEBP = "image/webp";
  public static final String TEXT = "text/plain";
  public static final String CSV = "text/csv";
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String ODT = "application/vnd.oasis.opendocument.text";
  public static final String MP3 = "audio/mpeg";
  public static final String OGG = "audio/ogg";
  public static final String WAV = "audio/wav";
  public static final String M4A = "audio/mp4";
  public static final String ZIP = "application/zip";
  public static final String MP4 = "video/mp4";
  public static final String EXECUTABLE = "application/x-executable";
  public static final String UNKNOWN = "application/octet-stream";

  private static final int HEAD_BYTES = 8192;
  private static final int MAX_MIMETYPE_ENTRY = 200;

  /** The detected media type; {@link #UNKNOWN} when the bytes match nothing known. */
  public String sniff(InputStreamSource content, String fileName) {
    try {
      byte[] head;
      boolean whole;
      try (InputStream in = content.getInputStream()) {
        head = in.readNBytes(HEAD_BYTES);
        whole = in.read() == -1;
      }
      String type = fromMagic(head);
      if (type == null) {
        type = looksLikeText(head, whole) ? textType(fileName) : UNKNOWN;
      }
      return ZIP.equals(type) ? zipKind(content) : type;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the upload", e);
    }
  }

  static String fromMagic(byte[] b) {
    if (startsWith(b, 0, "%PDF-")) {
      return PDF;
    }
    if (startsWith(b, 0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")) {
      return GIF;
    }
    if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
      return WEBP;
    }
    if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
      return WAV;
    }
    if (startsWith(b, 0, "OggS")) {
      return OGG;
    }
    if (startsWith(b, 0, "ID3") || isMpegAudioFrame(b)) {
      return MP3;
    }
    if (startsWith(b, 4, "ftyp")) {
      return startsWith(b, 8, "M4A ") || startsWith(b, 8, "M4B ") ? M4A : MP4;
    }
    if (startsWith(b, 0, "PK\u0003\u0004")) {
      return ZIP;
    }
    if (startsWith(b, 0, "MZ") || startsWith(b, 0, 0x7F, 'E', 'L', 'F')) {
      return EXECUTABLE;
    }
    return null;
  }

  /** An MPEG audio frame header: 11 sync bits, a defined version and a layer (MP3 without an ID3 tag). */
  private static boolean isMpegAudioFrame(byte[] b) {
    if (b.length < 2) {
      return false;
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    return first == 0xFF && (second & 0xE0) == 0xE0 && (second & 0x18) != 0x08 && (second & 0x06) != 0;
  }

  /** UTF-8 (or ASCII) without control characters other than tab, line breaks and form feed. */
  static boolean looksLikeText(byte[] head, boolean whole) {
    for (byte value : head) {
      int c = value & 0xFF;
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
        return false;
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // When only the head was read, a character cut in half at its end is fine (endOfInput = false).
    CoderResult result = decoder.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), whole);
    return !result.isError();
  }

  private static String textType(String fileName) {
    return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : TEXT;
  }

  /**
   * Office documents are ZIP archives; their entries tell them apart. Reads the central directory from a
   * temporary copy instead of inflating entries, so a crafted archive cannot make sniffing expensive.
   */
  private static String zipKind(InputStreamSource content) throws IOException {
    Path copy = Files.createTempFile("switchboard-sniff-", ".zip");
    try {
      try (InputStream in = content.getInputStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      try (ZipFile zip = new ZipFile(copy.toFile())) {
        ZipEntry mimetype = zip.getEntry("mimetype");
        if (mimetype != null && mimetype.getSize() >= 0 && mimetype.getSize() <= MAX_MIMETYPE_ENTRY) {
          try (InputStream in = zip.getInputStream(mimetype)) {
            if (ODT.equals(new String(in.readNBytes(MAX_MIMETYPE_ENTRY), US_ASCII).trim())) {
              return ODT;
            }
          }
        }
        if (zip.getEntry("[Content_Types].xml") != null) {
          if (zip.getEntry("word/document.xml") != null) {
            return DOCX;
          }
          if (zip.getEntry("xl/workbook.xml") != null) {
            return XLSX;
          }
        }
        return ZIP;
      } catch (ZipException corrupt) {
        return ZIP;
      }
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static boolean startsWith(byte[] b, int offset, String ascii) {
    byte[] expected = ascii.getBytes(US_ASCII);
    return b.length >= offset + expected.length
        && Arrays.equals(b, offset, offset + expected.length, expected, 0, expected.length);
  }

  private static boolean startsWith(byte[] b, int offset, int... expected) {
    if (b.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((b[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
