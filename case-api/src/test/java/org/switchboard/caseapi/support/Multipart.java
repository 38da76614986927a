package org.switchboard.caseapi.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** multipart/form-data bodies for upload tests, including streamed ones too large to hold in memory. */
public final class Multipart {

  private Multipart() {
  }

  /** POST with one file part. */
  public static HttpRequest.Builder file(ApiClient client, String path, String field, String fileName, byte[] content) {
    return file(client, path, field, fileName, () -> new ByteArrayInputStream(content));
  }

  /** POST with one file part whose content is streamed (sent chunked). */
  public static HttpRequest.Builder file(ApiClient client, String path, String field, String fileName,
      Supplier<InputStream> content) {
    String boundary = "sb-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return client.request(path)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
            Collections.enumeration(List.of(
                new ByteArrayInputStream(head), content.get(), new ByteArrayInputStream(tail))))));
  }

  /** POST with one plain form field and no file. */
  public static HttpRequest.Builder field(ApiClient client, String path, String field, String value) {
    String boundary = "sb-" + UUID.randomUUID();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
        + value + "\r\n--" + boundary + "--\r\n";
    return client.request(path)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
