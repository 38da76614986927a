package org.switchboard.workers.remote;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/** A RestClient for case-api's internal endpoints, logged in as the worker's service account. */
public final class CaseApiClient {

  private CaseApiClient() {
  }

  public static RestClient create(WorkerRuntimeProperties.Remote remote) {
    if (remote.caseApiUrl() == null || remote.caseApiUrl().isBlank()) {
      throw new IllegalStateException("switchboard.workers.remote.case-api-url is not set");
    }
    Duration timeout = remote.requestTimeout();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(timeout).build());
    requests.setReadTimeout(timeout);
    RestClient.Builder builder = RestClient.builder().baseUrl(remote.caseApiUrl()).requestFactory(requests);
    if (remote.username() != null && !remote.username().isBlank()) {
      builder.defaultHeaders(headers -> headers.setBasicAuth(remote.username(), remote.password()));
    }
    return builder.build();
  }
}
