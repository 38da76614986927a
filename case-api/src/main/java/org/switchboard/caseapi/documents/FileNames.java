package org.switchboard.caseapi.documents;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** File names from clients are only labels: no path segments, no control or shell-special characters. */
public final class FileNames {

  public static final String FALLBACK = "document";
  private static final int MAX_LENGTH = 200;

  private FileNames() {
  }

  public static String sanitise(String original) {
    if (original == null) {
      return FALLBACK;
    }
    String name = Normalizer.normalize(original, Normalizer.Form.NFC);
    // Browsers on Windows may send the full path; either separator ends a segment.
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}<>:\"|?*]", "")
        .replaceAll("\\s+", " ")
        .replaceAll("^[.\\s]+|[.\\s]+$", "");
    if (name.isEmpty()) {
      return FALLBACK;
    }
    if (name.length() > MAX_LENGTH) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
      name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
    }
    return name;
  }

  /**
   * {@code Content-Disposition: attachment} with an ASCII fallback name and the exact name as RFC 5987
   * {@code filename*}, so every browser saves the file under a safe name and none renders it inline.
   */
  public static String attachment(String fileName) {
    String safe = sanitise(fileName);
    StringBuilder ascii = new StringBuilder();
    safe.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '\\' && cp != '"' ? (char) cp : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + rfc5987(safe);
  }

  private static String rfc5987(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attrChar) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
