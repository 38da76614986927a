package org.switchboard.caseapi.conversations.outbound.engine;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.engine.CaseTenantContext;
import org.switchboard.caseapi.conversations.OutboundDispatch;
import org.switchboard.process.outbound.OutboundMessage;
import org.switchboard.process.outbound.OutboundMessage.Variables;
import org.switchboard.workers.channels.Channel;

/**
 * Camunda adapter of {@link OutboundDispatch}: starts {@code OutboundMessage} in the caller's transaction. The
 * send task is behind an async-before save point, so the worker can fetch it only once the message row and the
 * instance are committed together.
 */
@Component
public class CamundaOutboundDispatch implements OutboundDispatch {

  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;

  public CamundaOutboundDispatch(RuntimeService runtimeService, RepositoryService repositoryService) {
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
  }

  @Override
  public String dispatch(String tenantId, String caseId, String messageId, Channel channel) {
    ProcessDefinition definition = definition(tenantId);
    return CaseTenantContext.callAs(tenantId, () -> runtimeService.createProcessInstanceById(definition.getId())
        .businessKey(messageId)
        .setVariables(Map.of(Variables.MESSAGE_ID, messageId, Variables.CASE_ID, caseId,
            Variables.CHANNEL, channel.name()))
        .execute()
        .getId());
  }

  /** A tenant's own version of the process wins over the shared platform model. */
  private ProcessDefinition definition(String tenantId) {
    ProcessDefinition own = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(OutboundMessage.PROCESS_KEY).tenantIdIn(tenantId).latestVersion().singleResult();
    if (own != null) {
      return own;
    }
    ProcessDefinition shared = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(OutboundMessage.PROCESS_KEY).withoutTenantId().latestVersion().singleResult();
    if (shared == null) {
      throw new IllegalStateException("Process " + OutboundMessage.PROCESS_KEY + " is not deployed");
    }
    return shared;
  }
}
