package org.switchboard.caseapi.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.workers.InProcessWorkerRunner;
import org.switchboard.caseapi.workers.JobFilter;

/**
 * Drives the processes of one business key by hand, as the job executor and the workers would (both are off in
 * tests): due jobs (save points), then external tasks through the real in-process workers, until nothing is left.
 */
@Component
public class ProcessDriver {

  private static final int MAX_ROUNDS = 8;

  private final RuntimeService runtime;
  private final ManagementService management;
  private final InProcessWorkerRunner workers;

  public ProcessDriver(RuntimeService runtime, ManagementService management, InProcessWorkerRunner workers) {
    this.runtime = runtime;
    this.management = management;
    this.workers = workers;
  }

  public void runProcessesOf(String businessKey) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<Job> jobs = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
          .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).executable().list().stream())
          .toList();
      jobs.forEach(j -> management.executeJob(j.getId()));
      int worked = workers.runOnce(JobFilter.businessKey(businessKey));
      if (jobs.isEmpty() && worked == 0) {
        return;
      }
    }
  }
}
