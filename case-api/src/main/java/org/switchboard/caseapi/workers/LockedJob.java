package org.switchboard.caseapi.workers;

import org.switchboard.workers.runtime.Job;

/**
 * A fetched and locked external task.
 *
 * @param retries the task's retries as the engine holds them: null before the first failure
 */
public record LockedJob(Job job, Integer retries) {
}
