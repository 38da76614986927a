package org.switchboard.caseapi.tasks;

import java.time.Instant;
import java.util.List;

/** An open user task as the engine has it now. */
public record WorkItem(
    String id,
    String name,
    String taskDefinitionKey,
    String processInstanceId,
    String tenantId,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    Instant created,
    Instant due,
    Instant followUp,
    String formKey,
    FormRef formRef) {

  /** Form keys of Camunda Forms deployed as files, the older alternative to {@code camunda:formRef}. */
  public static final String CAMUNDA_FORMS_PREFIX = "camunda-forms:";

  public WorkItem {
    candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
    candidateUsers = candidateUsers == null ? List.of() : List.copyOf(candidateUsers);
  }

  /** True when the task is worked with a Camunda Form (form-js schema), which the API can validate against. */
  public boolean hasCamundaForm() {
    return formRef != null || (formKey != null && formKey.startsWith(CAMUNDA_FORMS_PREFIX));
  }
}
