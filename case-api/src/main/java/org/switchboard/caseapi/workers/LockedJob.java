package org.switchboard.caseapi.workers;

import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.RetryPolicy;

/**
 * A fetched and locked external task.
 *
 * @param retries the task's retries as the engine holds them: null before the first failure
 * @param retryPolicy the configured policy with the service task's own overrides
 */
public record LockedJob(Job job, Integer retries, RetryPolicy retryPolicy) {
}
