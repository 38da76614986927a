package org.switchboard.caseapi.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds a multipart/form-data body the way browsers (and Camunda Modeler's fetch) send it. */
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
