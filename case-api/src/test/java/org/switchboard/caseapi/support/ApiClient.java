package org.switchboard.caseapi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small JSON-over-HTTP client for API tests that never throws on 4xx/5xx: tests assert statuses. */
public class ApiClient {

  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String authorization;

  public ApiClient(String baseUrl, String user, String password) {
    this.baseUrl = baseUrl;
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(json(body)));
  }

  public Response put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").PUT(json(body)));
  }

  public Response patch(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").method("PATCH", json(body)));
  }

  /** Sends a prepared request (multipart uploads etc.) with this client's credentials. */
  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      String text = body instanceof String s ? s : MAPPER.writeValueAsString(body);
      return HttpRequest.BodyPublishers.ofString(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Status, headers and the body as bytes and (when JSON) as a tree. */
  public static final class Response {
    private final HttpResponse<byte[]> raw;

    Response(HttpResponse<byte[]> raw) {
      this.raw = raw;
    }

    public int status() {
      return raw.statusCode();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public byte[] bytes() {
      return raw.body();
    }

    public String text() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return raw.body().length == 0 ? MissingNode.getInstance() : MAPPER.readTree(raw.body());
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON (" + status() + "): " + text(), e);
      }
    }

    @Override
    public String toString() {
      return status() + " " + text();
    }
  }
}
