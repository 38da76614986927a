package org.switchboard.caseapi.ai.chatbot.engine;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.chatbot.BotConversationProcess;
import org.switchboard.caseapi.cases.engine.CaseTenantContext;
import org.switchboard.process.botconversation.BotConversationTurn;

/** Camunda adapter of {@link BotConversationProcess}; a tenant's own version of the process wins over the shared one. */
@Component
public class CamundaBotConversationProcess implements BotConversationProcess {

  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final HistoryService historyService;

  public CamundaBotConversationProcess(RuntimeService runtimeService, RepositoryService repositoryService,
      HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.historyService = historyService;
  }

  @Override
  public boolean started(String messageId) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(BotConversationTurn.PROCESS_KEY)
        .processInstanceBusinessKey(messageId).count() > 0;
  }

  @Override
  public void start(String tenantId, String messageId, Map<String, Object> facts) {
    ProcessDefinition definition = definition(tenantId);
    CaseTenantContext.callAs(tenantId, () -> runtimeService.createProcessInstanceById(definition.getId())
        .businessKey(messageId).setVariables(facts).execute().getId());
  }

  private ProcessDefinition definition(String tenantId) {
    ProcessDefinition own = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(BotConversationTurn.PROCESS_KEY).tenantIdIn(tenantId).latestVersion().singleResult();
    if (own != null) {
      return own;
    }
    ProcessDefinition shared = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(BotConversationTurn.PROCESS_KEY).withoutTenantId().latestVersion().singleResult();
    if (shared == null) {
      throw new IllegalStateException("Process " + BotConversationTurn.PROCESS_KEY + " is not deployed");
    }
    return shared;
  }
}
