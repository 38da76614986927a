package org.switchboard.caseapi.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small files of known types with unique content, so tests can recognise their own uploads. */
public final class TestFiles {

  private TestFiles() {
  }

  public static byte[] pdf() {
    return ("%PDF-1.4\n% " + UUID.randomUUID() + "\n1 0 obj << >> endobj\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] png() {
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return concat(signature, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1, 2});
  }

  public static byte[] executable() {
    return concat("MZ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x90, 0, 3, 0},
        UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
  }

  public static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A minimal Word document: what matters for sniffing is the package's part names. */
  public static byte[] docx() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    entries.put("_rels/.rels", "<Relationships/>");
    entries.put("word/document.xml", "<w:document>" + UUID.randomUUID() + "</w:document>");
    return zip(entries, false);
  }

  public static byte[] xlsx() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("[Content_Types].xml", "<Types/>");
    entries.put("xl/workbook.xml", "<workbook>" + UUID.randomUUID() + "</workbook>");
    return zip(entries, false);
  }

  /** OpenDocument puts an uncompressed {@code mimetype} entry first. */
  public static byte[] odt() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("mimetype", "application/vnd.oasis.opendocument.text");
    entries.put("content.xml", "<office:document-content>" + UUID.randomUUID() + "</office:document-content>");
    return zip(entries, true);
  }

  public static byte[] plainZip() {
    return zip(Map.of("notes.txt", "just a zip " + UUID.randomUUID()), false);
  }

  /** {@code size} bytes starting with a PDF header, generated while read. */
  public static InputStream largePdf(long size) {
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    return new InputStream() {
      long position;

      @Override
      public int read() {
        if (position >= size) {
          return -1;
        }
        int b = position < head.length ? head[(int) position] : 'x';
        position++;
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
          return -1;
        }
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) {
          buffer[offset + i] = position + i < head.length ? head[(int) (position + i)] : (byte) 'x';
        }
        position += n;
        return n;
      }
    };
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zip(Map<String, String> entries, boolean firstStored) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      boolean first = true;
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
        ZipEntry entry = new ZipEntry(e.getKey());
        if (first && firstStored) {
          CRC32 crc = new CRC32();
          crc.update(data);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(data.length);
          entry.setCompressedSize(data.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
        first = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
