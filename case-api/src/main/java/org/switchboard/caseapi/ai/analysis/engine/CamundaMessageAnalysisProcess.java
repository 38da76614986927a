package org.switchboard.caseapi.ai.analysis.engine;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.analysis.MessageAnalysisProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.engine.CaseTenantContext;
import org.switchboard.process.caselifecycle.CaseLifecycle;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis;

/** Camunda adapter of {@link MessageAnalysisProcess}; a tenant's own version of the process wins over the shared one. */
@Component
public class CamundaMessageAnalysisProcess implements MessageAnalysisProcess {

  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;

  public CamundaMessageAnalysisProcess(RuntimeService runtimeService, RepositoryService repositoryService) {
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
  }

  @Override
  public void start(CaseRecord c, String messageId, Map<String, Object> facts) {
    ProcessDefinition definition = definition(c.tenantId());
    CaseTenantContext.callAs(c.tenantId(), () -> runtimeService.createProcessInstanceById(definition.getId())
        .businessKey(messageId).setVariables(facts).execute().getId());
  }

  @Override
  public Optional<String> intakeCategory(CaseRecord c) {
    if (c.processInstanceId() == null) {
      return Optional.empty();
    }
    ProcessInstance running = runtimeService.createProcessInstanceQuery().processInstanceId(c.processInstanceId())
        .singleResult();
    if (running == null) {
      return Optional.empty();
    }
    Object category = runtimeService.getVariable(c.processInstanceId(), CaseLifecycle.Variables.CATEGORY);
    return category instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private ProcessDefinition definition(String tenantId) {
    ProcessDefinition own = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InboundMessageAnalysis.PROCESS_KEY).tenantIdIn(tenantId).latestVersion().singleResult();
    if (own != null) {
      return own;
    }
    ProcessDefinition shared = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InboundMessageAnalysis.PROCESS_KEY).withoutTenantId().latestVersion().singleResult();
    if (shared == null) {
      throw new IllegalStateException("Process " + InboundMessageAnalysis.PROCESS_KEY + " is not deployed");
    }
    return shared;
  }
}
