package org.switchboard.caseapi.contacts.engine;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.contacts.SubjectProcessData;

/** Camunda adapter of {@link SubjectProcessData}. */
@Component
public class CamundaSubjectProcessData implements SubjectProcessData {

  /** Delete reason stored on instances ended by an erasure: a code, never personal data. */
  public static final String ERASED = "SUBJECT_ERASED";

  private final RuntimeService runtime;
  private final HistoryService history;

  public CamundaSubjectProcessData(RuntimeService runtime, HistoryService history) {
    this.runtime = runtime;
    this.history = history;
  }

  @Override
  public List<ProcessReference> references(String caseId) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .orderByProcessInstanceStartTime().asc().list().stream()
        .map(this::reference)
        .toList();
  }

  @Override
  public int purge(String caseId) {
    Set<String> ids = new LinkedHashSet<>();
    for (ProcessInstance running : runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list()) {
      runtime.deleteProcessInstanceIfExists(running.getId(), ERASED, true, true, true, false);
      ids.add(running.getId());
    }
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list()
        .forEach(instance -> ids.add(instance.getId()));
    if (!ids.isEmpty()) {
      history.deleteHistoricProcessInstancesIfExists(List.copyOf(ids));
    }
    return ids.size();
  }

  private ProcessReference reference(HistoricProcessInstance instance) {
    List<TaskReference> tasks = history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .orderByHistoricActivityInstanceStartTime().asc().list().stream()
        .map(t -> new TaskReference(t.getId(), t.getTaskDefinitionKey(), t.getName(), instant(t.getStartTime()),
            instant(t.getEndTime())))
        .toList();
    return new ProcessReference(instance.getId(), instance.getProcessDefinitionKey(), instance.getState(),
        instant(instance.getStartTime()), instant(instance.getEndTime()), tasks);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
