package org.switchboard.workers.channels.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP client with two changes: every request goes to {@code baseUrl} (scheme, host and port; the
 * path is kept), so tests and staging reach a local peer through the real SDK; and no retries, neither the SDK's
 * nor Apache's default re-send of 429/503 answers: a send retried below us could reach Twilio twice, so retries
 * belong to the external-task runner, which goes through the send ledger first.
 */
final class RebasingHttpClient extends HttpClient {

  private final NetworkHttpClient delegate;
  private final URI base;
  private final boolean rebase;

  RebasingHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
    this.base = URI.create(baseUrl);
    this.rebase = !TwilioProperties.DEFAULT_BASE_URL.equals(stripSlash(baseUrl));
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
    connections.setDefaultConnectionConfig(ConnectionConfig.custom()
        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeout.toMillis()))
        .setSocketTimeout(Timeout.ofMilliseconds(readTimeout.toMillis()))
        .build());
    connections.setDefaultMaxPerRoute(10);
    connections.setMaxTotal(20);
    // Apache's default strategy re-sends a POST answered with 429 or 503: that would be a second SMS.
    this.delegate = new NetworkHttpClient(HttpClientBuilder.create()
        .useSystemProperties()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(readTimeout.toMillis()))
            .build())
        .disableAutomaticRetries());
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    return delegate.makeRequest(rebase ? rebased(request) : request);
  }

  private Request rebased(Request original) {
    URI target = URI.create(original.getUrl());
    String url = stripSlash(base.toString()) + target.getRawPath()
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    Request copy = new Request(original.getMethod(), url);
    copyParams(original.getQueryParams(), copy::addQueryParam);
    copyParams(original.getPostParams(), copy::addPostParam);
    copyParams(original.getHeaderParams(), copy::addHeaderParam);
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    copy.setContentType(original.getContentType());
    copy.setBody(original.getBody());
    copy.setFormParameters(original.getFormParameters());
    copy.setUserAgentExtensions(original.getUserAgentExtensions());
    return copy;
  }

  private static void copyParams(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
    params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
