package org.switchboard.workers.ai.cloud;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * HTTP plumbing shared by the cloud providers: a RestClient with the provider's timeout, and one rule for
 * failures. Every failure (refused credentials, rate limits, 5xx, timeouts, unreadable answers) becomes an
 * {@link AiUnavailableException} so the gateway falls back to the next provider; the message names the provider
 * and the HTTP status, never the text sent.
 */
public final class CloudHttp {

  private CloudHttp() {
  }

  public static RestClient client(ProviderSettings settings, String defaultBaseUrl) {
    Duration timeout = settings.timeout();
    // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade is refused by some self-hosted servers and proxies.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(timeout);
    return RestClient.builder()
        .baseUrl(stripTrailingSlash(settings.getOrDefault("baseUrl", defaultBaseUrl)))
        .requestFactory(factory)
        .build();
  }

  public static <T> T call(String provider, Supplier<T> request) {
    T result;
    try {
      result = request.get();
    } catch (RestClientResponseException e) {
      throw new AiUnavailableException(provider + " answered HTTP " + e.getStatusCode().value()
          + describe(e.getStatusCode()), e);
    } catch (ResourceAccessException e) {
      throw new AiUnavailableException(provider + " could not be reached or timed out", e);
    } catch (RuntimeException e) {
      if (e instanceof AiUnavailableException unavailable) {
        throw unavailable;
      }
      throw new AiUnavailableException(provider + " call failed: " + e.getClass().getSimpleName(), e);
    }
    if (result == null) {
      throw new AiUnavailableException(provider + " returned an empty answer");
    }
    return result;
  }

  private static String describe(HttpStatusCode status) {
    return switch (status.value()) {
      case 401, 403 -> " (credentials refused)";
      case 429 -> " (rate limited or quota exhausted)";
      default -> status.is5xxServerError() ? " (provider error)" : "";
    };
  }

  public static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
