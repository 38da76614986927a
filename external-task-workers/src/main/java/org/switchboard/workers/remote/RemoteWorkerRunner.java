package org.switchboard.workers.remote;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.JobReport;
import org.switchboard.workers.runtime.RetryPolicy;
import org.switchboard.workers.runtime.TopicWorker;
import org.switchboard.workers.runtime.WorkerInvoker;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/**
 * Runs workers in a process of their own ({@code switchboard.workers.mode: remote}): subscribes every worker's topic
 * through Camunda's external-task client on case-api's {@code /engine-rest}, long polling, with the same outcome
 * mapping, retries and backoff as the in-process runner. The service account it logs in with needs the
 * {@code service-accounts} group and membership of the tenants it serves: the engine only hands out their tasks.
 * Not a Spring component: case-api scans this package and must not start it; the worker app wires it.
 */
public class RemoteWorkerRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RemoteWorkerRunner.class);

  private final List<TopicWorker> workers;
  private final WorkerRuntimeProperties properties;
  private final WorkerInvoker invoker;
  private final String workerId;
  private ExternalTaskClient client;

  public RemoteWorkerRunner(List<TopicWorker> workers, WorkerRuntimeProperties properties) {
    this.workers = List.copyOf(workers);
    this.properties = properties;
    this.invoker = new WorkerInvoker(properties.retryPolicy());
    this.workerId = properties.effectiveWorkerId("remote");
    long topics = workers.stream().map(TopicWorker::topic).distinct().count();
    if (topics != workers.size()) {
      throw new IllegalStateException("two workers for one topic among " + workers.stream()
          .map(TopicWorker::topic).toList());
    }
  }

  public String workerId() {
    return workerId;
  }

  public synchronized void start() {
    if (client != null) {
      return;
    }
    WorkerRuntimeProperties.Remote remote = properties.remote();
    if (remote.engineUrl() == null || remote.engineUrl().isBlank()) {
      throw new IllegalStateException("switchboard.workers.remote.engine-url is not set");
    }
    var builder = ExternalTaskClient.create()
        .baseUrl(remote.engineUrl())
        .workerId(workerId)
        .maxTasks(properties.maxTasks())
        .usePriority(true)
        .backoffStrategy(new ExponentialBackoffStrategy(properties.pollInterval().toMillis(), 2f,
            properties.maxPollInterval().toMillis()))
        .disableAutoFetching();
    if (!remote.asyncResponseTimeout().isZero()) {
      // Long polling; 0 polls with the idle backoff only.
      builder.asyncResponseTimeout(remote.asyncResponseTimeout().toMillis());
    }
    if (remote.username() != null && !remote.username().isBlank()) {
      builder.addInterceptor(new BasicAuthProvider(remote.username(), remote.password()));
    }
    client = builder.build();
    for (TopicWorker worker : workers) {
      client.subscribe(worker.topic())
          .lockDuration(worker.lockDuration().toMillis())
          .includeExtensionProperties(true)
          .handler((task, service) -> handle(worker, task, service))
          .open();
    }
    client.start();
    log.info("Remote external-task runner {} polling {} for topics {}", workerId, remote.engineUrl(),
        workers.stream().map(TopicWorker::topic).toList());
  }

  public synchronized void stop() {
    if (client != null) {
      client.stop();
      client = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(TopicWorker worker, ExternalTask task, ExternalTaskService service) {
    RetryPolicy policy = invoker.policy().withOverrides(task.getExtensionProperties());
    Job job = new Job(task.getId(), task.getTopicName(), task.getProcessInstanceId(), task.getBusinessKey(),
        task.getTenantId(), values(task), policy.attempt(task.getRetries()));
    try {
      invoker.run(worker, job, task.getRetries(), policy, new JobReport() {
        @Override
        public void complete(Map<String, Object> variables) {
          service.complete(task, variables);
        }

        @Override
        public void bpmnError(String code, String message, Map<String, Object> variables) {
          service.handleBpmnError(task, code, message, variables);
        }

        @Override
        public void failure(String message, String details, int retries, Duration retryTimeout) {
          service.handleFailure(task, message, details, retries, retryTimeout.toMillis());
        }
      });
    } catch (RuntimeException e) {
      // The engine keeps the task and hands it out again when the lock expires.
      log.warn("Could not report external task {} on {}: {}", task.getId(), task.getTopicName(),
          e.getClass().getName());
    }
  }

  /** Ids and facts only; serialized objects are not deserialized here. */
  private static Map<String, Object> values(ExternalTask task) {
    Map<String, Object> values = new HashMap<>();
    VariableMap typed = task.getAllVariablesTyped(false);
    for (String name : typed.keySet()) {
      TypedValue value = typed.getValueTyped(name);
      if (value != null && value.getType() != null && value.getType().isPrimitiveValueType()
          && value.getValue() != null) {
        values.put(name, value.getValue());
      }
    }
    return values;
  }
}
