package org.switchboard.caseapi.workers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.switchboard.workers.runtime.JobReport;

/** The engine's external tasks as the in-process runner needs them (adapter: {@code engine.CamundaExternalTaskQueue}). */
public interface ExternalTaskQueue {

  /**
   * Fetches and locks up to {@code maxTasks} tasks of all tenants on the given topics, highest priority first.
   *
   * @param lockDurations topic to the lock duration its worker asked for
   */
  List<LockedJob> fetchAndLock(String workerId, int maxTasks, Map<String, Duration> lockDurations, JobFilter filter);

  /** Reports one job's outcome under the worker id that locked it. */
  JobReport reportFor(LockedJob job, String workerId);
}
