package org.switchboard.workers.runtime;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker on one job and reports its {@link Outcome}: the one mapping both runners share.
 * <ul>
 *   <li>{@code Completed}: complete with its variables;</li>
 *   <li>{@code BusinessError}: BPMN error with its code, caught by an error boundary event;</li>
 *   <li>retryable {@code Failure} or an unexpected exception: failure with the retries left counting down and the
 *       policy's backoff as retry timeout; at 0 retries Cockpit shows an incident;</li>
 *   <li>non-retryable {@code Failure}: incident at once (retries 0).</li>
 * </ul>
 */
public final class WorkerInvoker {

  private static final Logger log = LoggerFactory.getLogger(WorkerInvoker.class);

  private final RetryPolicy policy;

  public WorkerInvoker(RetryPolicy policy) {
    this.policy = policy;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /**
   * @param retriesLeft the task's retries as the engine reports them (null before the first failure)
   * @return what the worker made of the job (an unexpected exception as a retryable failure)
   */
  public Outcome run(TopicWorker worker, Job job, Integer retriesLeft, JobReport report) {
    return run(worker, job, retriesLeft, policy, report);
  }

  /** As {@link #run(TopicWorker, Job, Integer, JobReport)} with a task's own policy (see {@link RetryPolicy#withOverrides}). */
  public Outcome run(TopicWorker worker, Job job, Integer retriesLeft, RetryPolicy policy, JobReport report) {
    Outcome outcome = invoke(worker, job);
    if (outcome instanceof Outcome.Completed completed) {
      report.complete(completed.variables());
    } else if (outcome instanceof Outcome.BusinessError error) {
      log.info("External task {} on {}: business error {}", job.id(), job.topic(), error.code());
      report.bpmnError(error.code(), FailureReports.message(error.message()), error.variables());
    } else if (outcome instanceof Outcome.Failure failure) {
      int retries = failure.retryable() ? policy.retriesAfterFailure(retriesLeft) : 0;
      Duration timeout = retries == 0 ? Duration.ZERO : policy.backoffBefore(retries);
      if (retries == 0) {
        log.warn("External task {} on {} failed on attempt {}; incident raised: {}", job.id(), job.topic(),
            job.attempt(), FailureReports.message(failure.message()));
      } else {
        log.info("External task {} on {} failed on attempt {}; {} retries left, next in {}", job.id(),
            job.topic(), job.attempt(), retries, timeout);
      }
      report.failure(FailureReports.message(failure.message()), failure.details(), retries, timeout);
    }
    return outcome;
  }

  private static Outcome invoke(TopicWorker worker, Job job) {
    try {
      Outcome outcome = worker.work(job);
      return outcome != null ? outcome
          : new Outcome.Failure("worker for " + job.topic() + " returned no outcome", null, false);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vmError) {
        throw vmError;
      }
      // The exception's message stays out of Cockpit: it may quote personal data.
      log.warn("Worker for {} threw {} on external task {}", job.topic(), e.getClass().getName(), job.id());
      return new Outcome.Failure("unexpected " + e.getClass().getSimpleName() + " in worker for " + job.topic(),
          FailureReports.details(e), true);
    }
  }
}
