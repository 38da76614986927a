package org.switchboard.caseapi.workers.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryTopicBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.workers.ExternalTaskQueue;
import org.switchboard.caseapi.workers.JobFilter;
import org.switchboard.caseapi.workers.LockedJob;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.JobReport;
import org.switchboard.workers.runtime.RetryPolicy;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/**
 * External tasks through the engine's Java API. Runs without an authenticated user, so the engine applies no
 * authorization or tenant check: the runner serves every tenant, and each job carries its tenant id.
 */
@Component
public class CamundaExternalTaskQueue implements ExternalTaskQueue {

  private final ExternalTaskService externalTasks;
  private final RetryPolicy retryPolicy;

  public CamundaExternalTaskQueue(ExternalTaskService externalTasks, WorkerRuntimeProperties properties) {
    this.externalTasks = externalTasks;
    this.retryPolicy = properties.retryPolicy();
  }

  @Override
  public List<LockedJob> fetchAndLock(String workerId, int maxTasks, Map<String, Duration> lockDurations,
      JobFilter filter) {
    ExternalTaskQueryBuilder builder = externalTasks.fetchAndLock(maxTasks, workerId, true);
    for (Map.Entry<String, Duration> topic : lockDurations.entrySet()) {
      ExternalTaskQueryTopicBuilder topicBuilder = builder.topic(topic.getKey(), topic.getValue().toMillis())
          .includeExtensionProperties();
      if (filter.businessKey() != null) {
        topicBuilder = topicBuilder.businessKey(filter.businessKey());
      }
      if (!filter.tenantIds().isEmpty()) {
        topicBuilder = topicBuilder.tenantIdIn(filter.tenantIds().toArray(String[]::new));
      }
      builder = topicBuilder;
    }
    return builder.execute().stream().map(this::toJob).toList();
  }

  @Override
  public JobReport reportFor(LockedJob job, String workerId) {
    String taskId = job.job().id();
    return new JobReport() {
      @Override
      public void complete(Map<String, Object> variables) {
        externalTasks.complete(taskId, workerId, variables);
      }

      @Override
      public void bpmnError(String code, String message, Map<String, Object> variables) {
        externalTasks.handleBpmnError(taskId, workerId, code, message, variables);
      }

      @Override
      public void failure(String message, String details, int retries, Duration retryTimeout) {
        externalTasks.handleFailure(taskId, workerId, message, details, retries, retryTimeout.toMillis());
      }
    };
  }

  private LockedJob toJob(LockedExternalTask task) {
    RetryPolicy policy = retryPolicy.withOverrides(task.getExtensionProperties());
    Job job = new Job(task.getId(), task.getTopicName(), task.getProcessInstanceId(), task.getBusinessKey(),
        task.getTenantId(), values(task.getVariables()), policy.attempt(task.getRetries()));
    return new LockedJob(job, task.getRetries(), policy);
  }

  /** Process variables hold ids and facts; serialized objects are left out, not deserialized here. */
  private static Map<String, Object> values(VariableMap variables) {
    Map<String, Object> values = new HashMap<>();
    for (String name : variables.keySet()) {
      TypedValue typed = variables.getValueTyped(name);
      if (typed == null || typed.getType() == null || !typed.getType().isPrimitiveValueType()) {
        continue;
      }
      if (typed.getValue() != null) {
        values.put(name, typed.getValue());
      }
    }
    return values;
  }
}
