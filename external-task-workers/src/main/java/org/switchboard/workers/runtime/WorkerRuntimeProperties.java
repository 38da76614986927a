package org.switchboard.workers.runtime;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.workers.*}: where and how external tasks run (docs/workers.md).
 *
 * @param mode {@code in-process} (case-api polls its own engine), {@code remote} (a separate worker process
 *     polls {@code /engine-rest}; case-api runs none) or {@code off} (nothing here runs external tasks)
 * @param workerId the worker id this node locks tasks under; empty: host name and process id
 * @param backgroundPolling whether the in-process runner polls on a thread of its own; tests turn it off and
 *     drive the runner by hand
 * @param pollInterval pause after an empty fetch; it doubles with every further empty fetch up to
 *     {@code maxPollInterval} and drops back as soon as a task turns up
 * @param maxTasks tasks fetched and locked per round
 * @param concurrency tasks worked on at the same time per node
 * @param retries retries after the first attempt before a retryable failure becomes an incident
 * @param backoff wait before each retry, the first entry before the first retry; the last entry repeats
 * @param remote settings of the remote worker process
 */
@ConfigurationProperties("switchboard.workers")
public record WorkerRuntimeProperties(
    @DefaultValue("in-process") WorkerMode mode,
    String workerId,
    @DefaultValue("true") boolean backgroundPolling,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("2s") Duration maxPollInterval,
    @DefaultValue("10") int maxTasks,
    @DefaultValue("4") int concurrency,
    @DefaultValue("5") int retries,
    @DefaultValue({"10s", "30s", "2m", "10m", "30m"}) List<Duration> backoff,
    @DefaultValue Remote remote) {

  public WorkerRuntimeProperties {
    backoff = backoff == null || backoff.isEmpty() ? List.of(Duration.ofSeconds(10)) : List.copyOf(backoff);
    if (maxTasks < 1 || concurrency < 1 || retries < 0) {
      throw new IllegalArgumentException("switchboard.workers: max-tasks and concurrency must be at least 1, "
          + "retries at least 0");
    }
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(retries, backoff);
  }

  /** The worker id, defaulting to host name and process id so every node of a cluster has its own. */
  public String effectiveWorkerId(String suffix) {
    if (workerId != null && !workerId.isBlank()) {
      return workerId;
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + suffix;
  }

  /**
   * The remote worker process ({@code org.switchboard.workerapp}).
   *
   * @param engineUrl the engine REST API, e.g. {@code http://switchboard:8080/engine-rest}
   * @param caseApiUrl case-api's base URL for the send ledger and channel accounts, e.g. {@code http://switchboard:8080}
   * @param username the service account (member of {@code service-accounts} and of the tenants it serves)
   * @param password its password, from the environment
   * @param asyncResponseTimeout long-polling wait of one fetch-and-lock request; 0: no long polling, the idle
   *     backoff ({@code poll-interval} up to {@code max-poll-interval}) paces the fetches
   * @param requestTimeout timeout of calls to case-api
   */
  public record Remote(
      String engineUrl,
      String caseApiUrl,
      String username,
      String password,
      @DefaultValue("20s") Duration asyncResponseTimeout,
      @DefaultValue("30s") Duration requestTimeout) {
  }
}
