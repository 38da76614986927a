package org.switchboard.caseapi.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.identity.Roles;

/**
 * Test data for task tests that does not depend on the case API: a case row plus its started process,
 * written in one transaction like case creation does. Not a bean, so it leaves the shared context alone.
 */
public final class TaskTestCases {

  public static final String PROCESS_KEY = "TaskTestProcess";
  public static final String REVIEW_TASK = "Task_Review";
  public static final String CONFIRM_TASK = "Task_Confirm";

  private final CaseRepository cases;
  private final CaseProcess process;
  private final TransactionTemplate tx;
  private final Clock clock;

  public TaskTestCases(CaseRepository cases, CaseProcess process, PlatformTransactionManager transactions,
      Clock clock) {
    this.cases = cases;
    this.process = process;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** Deploys the shared test process and its form; unchanged redeployments are filtered out by the engine. */
  public static void deployTestProcess(RepositoryService repositoryService) {
    repositoryService.createDeployment()
        .name(PROCESS_KEY)
        .addClasspathResource("tasks/TaskTestProcess.bpmn")
        .addClasspathResource("tasks/TaskTestReview.form")
        .enableDuplicateFiltering(false)
        .deploy();
  }

  /** A team group of its own, so candidate lists of one test never contain another test's tasks. */
  public static String team(IdentityService identityService) {
    String id = "team-" + UUID.randomUUID().toString().substring(0, 8);
    Group group = identityService.newGroup(id);
    group.setName(id);
    group.setType(Roles.TEAM_GROUP_TYPE);
    identityService.saveGroup(group);
    return id;
  }

  /** A case of the tenant whose process (the given key) routes its tasks to the team. */
  public CaseRecord start(String tenantId, String processKey, String team) {
    return start(tenantId, processKey, Map.of("team", team));
  }

  public CaseRecord start(String tenantId, String processKey, Map<String, Object> facts) {
    return tx.execute(status -> {
      Instant now = clock.instant();
      String id = UUID.randomUUID().toString();
      CaseRecord c = new CaseRecord(id, tenantId, "general", "generic", "Test case " + id, null, CaseStatus.OPEN,
          Priority.NORMAL, null, null, (String) facts.get("team"), null, "api", null, null, null, null, null, false,
          false, null, null, null, null, now, "test", now, "test", null, null, null, 0);
      cases.insert(c);
      String instanceId = process.start(c, processKey, facts);
      return cases.update(c.toBuilder().processInstanceId(instanceId).build(now, "test")).orElseThrow();
    });
  }
}
