package org.switchboard.caseapi.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * multipart/form-data bodies the way browsers (and Camunda Modeler's fetch) send them: build one with
 * {@code new Multipart().field(..).file(..).post(request)}, or use the static one-part shortcuts, which
 * can also stream content too large to hold in memory.
 */
public final class Multipart {

  private final String boundary = "----switchboard" + UUID.randomUUID().toString().replace("-", "");
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  public Multipart field(String name, String value) {
    write("--" + boundary + "\r\n");
    write("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    write(value + "\r\n");
    return this;
  }

  public Multipart file(String name, String fileName, String contentType, byte[] content) {
    write("--" + boundary + "\r\n");
    write("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n");
    write("Content-Type: " + contentType + "\r\n\r\n");
    body.writeBytes(content);
    write("\r\n");
    return this;
  }

  /** Adds the body to the request with the matching content type. */
  public HttpRequest.Builder post(HttpRequest.Builder request) {
    return request.header("Content-Type", contentType()).POST(publisher());
  }

  public HttpRequest.Builder put(HttpRequest.Builder request) {
    return request.header("Content-Type", contentType()).PUT(publisher());
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
    return new Multipart().field(field, value).post(client.request(path));
  }

  private String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  private HttpRequest.BodyPublisher publisher() {
    ByteArrayOutputStream complete = new ByteArrayOutputStream();
    complete.writeBytes(body.toByteArray());
    complete.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.BodyPublishers.ofByteArray(complete.toByteArray());
  }

  private void write(String text) {
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
