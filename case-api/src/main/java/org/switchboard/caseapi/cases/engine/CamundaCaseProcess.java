package org.switchboard.caseapi.cases.engine;

import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.process.caselifecycle.CaseLifecycle.Messages;

/** Camunda adapter of {@link CaseProcess}. */
@Component
public class CamundaCaseProcess implements CaseProcess {

  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;

  public CamundaCaseProcess(RuntimeService runtimeService, RepositoryService repositoryService) {
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
  }

  @Override
  public String start(CaseRecord c, String processKey, Map<String, Object> facts) {
    ProcessDefinition definition = latestDefinition(processKey, c.tenantId());
    ProcessInstance instance = CaseTenantContext.callAs(c.tenantId(), () ->
        runtimeService.createProcessInstanceById(definition.getId())
            .businessKey(c.id())
            .setVariables(facts)
            .execute());
    return instance.getId();
  }

  @Override
  public boolean signal(CaseRecord c, CaseEvent event, Map<String, Object> facts) {
    if (c.processInstanceId() == null) {
      return false;
    }
    // Correlate by instance id (not just business key): a reopened case has one live instance, and the
    // instance id pins it even if an older, finished instance shares the business key.
    boolean waiting = runtimeService.createEventSubscriptionQuery()
        .processInstanceId(c.processInstanceId())
        .eventType("message")
        .eventName(messageName(event))
        .count() > 0;
    if (!waiting) {
      return false;
    }
    try {
      MessageCorrelationResult result = runtimeService.createMessageCorrelation(messageName(event))
          .processInstanceId(c.processInstanceId())
          .setVariables(facts)
          .correlateWithResult();
      return result != null;
    } catch (OptimisticLockingException e) {
      // Another command moved the instance at the same time (e.g. a timer fired): the caller may retry.
      throw ApiException.conflict("Case " + c.id() + " changed concurrently; reload and try again");
    }
  }

  @Override
  public void cancel(CaseRecord c, String reason) {
    if (c.processInstanceId() == null) {
      return;
    }
    // Listeners are skipped: they would act on a case that no longer exists for anyone.
    runtimeService.deleteProcessInstanceIfExists(c.processInstanceId(), reason, true, true, true, false);
  }

  private ProcessDefinition latestDefinition(String processKey, String tenantId) {
    // A tenant's own version (e.g. a sector bundle) wins over the shared platform model.
    ProcessDefinition own = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(processKey).tenantIdIn(tenantId).latestVersion().singleResult();
    if (own != null) {
      return own;
    }
    ProcessDefinition shared = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(processKey).withoutTenantId().latestVersion().singleResult();
    if (shared == null) {
      throw ApiException.invalid("caseType", "its process '" + processKey + "' is not deployed");
    }
    return shared;
  }

  static String messageName(CaseEvent event) {
    return switch (event) {
      case INTERACTION_RECEIVED -> Messages.INTERACTION_RECEIVED;
      case REASSIGNMENT_REQUESTED -> Messages.REASSIGNMENT_REQUESTED;
      case ESCALATION_REQUESTED -> Messages.ESCALATION_REQUESTED;
      case CLOSE_REQUESTED -> Messages.CLOSE_REQUESTED;
      case REOPEN_REQUESTED -> Messages.REOPEN_REQUESTED;
      case FEEDBACK_RECEIVED -> Messages.FEEDBACK_RECEIVED;
    };
  }
}
