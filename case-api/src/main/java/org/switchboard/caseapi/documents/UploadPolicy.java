package org.switchboard.caseapi.documents;

import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/** What an upload must be to be stored: present, not empty, within the size limit, of an accepted type. */
@Component
public class UploadPolicy {

  /** The multipart field carrying the file; every refusal names it. */
  public static final String FIELD = "file";

  /** Types agents exchange with callers and partners; anything executable or opaque stays out. */
  public static final Set<String> ACCEPTED_TYPES = Set.of(
      ContentSniffer.PDF, ContentSniffer.PNG, ContentSniffer.JPEG, ContentSniffer.GIF, ContentSniffer.WEBP,
      ContentSniffer.TEXT, ContentSniffer.CSV, ContentSniffer.DOCX, ContentSniffer.XLSX, ContentSniffer.ODT,
      ContentSniffer.MP3, ContentSniffer.OGG, ContentSniffer.WAV, ContentSniffer.M4A);

  private final DataSize maxSize;
  private final ContentSniffer sniffer;

  public UploadPolicy(SwitchboardProperties properties, ContentSniffer sniffer) {
    this.maxSize = properties.files().maxSize();
    this.sniffer = sniffer;
  }

  /** The upload with its safe file name and sniffed type, or the refusal (nothing has been written yet). */
  public Accepted check(Upload upload) {
    if (upload == null) {
      throw ApiException.invalid(FIELD, "is required");
    }
    if (upload.size() == 0) {
      throw ApiException.invalid(FIELD, "is empty");
    }
    if (upload.size() > maxSize.toBytes()) {
      throw tooLarge(maxSize);
    }
    String fileName = FileNames.sanitise(upload.originalFileName());
    String type = sniffer.sniff(upload.content(), fileName);
    if (!ACCEPTED_TYPES.contains(type)) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
          FIELD + ": content of type " + type + " is not accepted",
          List.of(new FieldError(FIELD, "has content of type " + type + ", which is not accepted; accepted are "
              + "PDF, PNG, JPEG, GIF, WebP, plain text, CSV, DOCX, XLSX, ODT, MP3, Ogg, WAV and M4A")));
    }
    return new Accepted(upload, fileName, type);
  }

  static ApiException tooLarge(DataSize limit) {
    String message = "must not be larger than " + describe(limit);
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", FIELD + ": " + message,
        List.of(new FieldError(FIELD, message)));
  }

  static String describe(DataSize size) {
    long bytes = size.toBytes();
    if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
      return size.toMegabytes() + "MB";
    }
    return bytes % DataSize.ofKilobytes(1).toBytes() == 0 ? size.toKilobytes() + "KB" : bytes + " bytes";
  }

  public record Accepted(Upload upload, String fileName, String contentType) {
  }
}
