package org.switchboard.caseapi.history.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.history.CaseProcessHistory;
import org.switchboard.caseapi.history.HistoryEntry;
import org.switchboard.caseapi.history.HistoryEntry.Source;

/** Camunda adapter of {@link CaseProcessHistory}, reading the engine's history (history level full). */
@Component
public class CamundaCaseProcessHistory implements CaseProcessHistory {

  public static final String PROCESS_STARTED = "PROCESS_STARTED";
  public static final String PROCESS_ENDED = "PROCESS_ENDED";
  public static final String USER_TASK_STARTED = "USER_TASK_STARTED";
  public static final String USER_TASK_COMPLETED = "USER_TASK_COMPLETED";
  public static final String USER_TASK_CANCELLED = "USER_TASK_CANCELLED";
  public static final String ACTIVITY = "ACTIVITY";
  public static final String EVENT = "EVENT";
  public static final String DECISION_EVALUATED = "DECISION_EVALUATED";
  public static final String INCIDENT = "INCIDENT";
  public static final String INCIDENT_RESOLVED = "INCIDENT_RESOLVED";

  /** Scopes and routing: their inner steps are listed, the containers themselves say nothing new. */
  private static final Set<String> NOT_LISTED = Set.of(ActivityTypes.SUB_PROCESS, ActivityTypes.SUB_PROCESS_AD_HOC,
      ActivityTypes.TRANSACTION, ActivityTypes.MULTI_INSTANCE_BODY);

  // Tie-breakers within one millisecond: start first, then the engine's execution order, end last.
  private static final int FIRST = -1;
  private static final int INCIDENTS = Integer.MAX_VALUE - 1;
  private static final int LAST = Integer.MAX_VALUE;

  private final HistoryService history;

  public CamundaCaseProcessHistory(HistoryService history) {
    this.history = history;
  }

  @Override
  public List<HistoryEntry> entries(String caseId) {
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseId)
        .orderByProcessInstanceStartTime().asc()
        .list();
    List<Keyed> all = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      collect(instances.get(i), i, all);
    }
    all.sort(Comparator.comparing(Keyed::at).thenComparingInt(Keyed::instance).thenComparingInt(Keyed::order)
        .thenComparingInt(Keyed::step));
    return all.stream().map(Keyed::entry).toList();
  }

  private void collect(HistoricProcessInstance instance, int n, List<Keyed> out) {
    String pid = instance.getId();
    out.add(new Keyed(entry(instance.getStartTime(), PROCESS_STARTED, instance.getStartUserId(), null,
        instance.getProcessDefinitionName(), details("processInstanceId", pid,
            "processDefinitionKey", instance.getProcessDefinitionKey(),
            "processDefinitionVersion", instance.getProcessDefinitionVersion())), n, FIRST, 0));

    List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
        .processInstanceId(pid)
        .orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc()
        .list();
    Map<String, HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceId(pid).list()
        .stream().collect(Collectors.toMap(HistoricTaskInstance::getId, Function.identity()));
    Map<String, List<HistoricDecisionInstance>> decisions = history.createHistoricDecisionInstanceQuery()
        .processInstanceId(pid).includeOutputs().orderByEvaluationTime().asc().list()
        .stream().collect(Collectors.groupingBy(d -> String.valueOf(d.getActivityInstanceId())));
    Map<String, String> activityNames = new LinkedHashMap<>();

    for (int i = 0; i < activities.size(); i++) {
      HistoricActivityInstance a = activities.get(i);
      activityNames.putIfAbsent(a.getActivityId(), a.getActivityName());
      String type = a.getActivityType();
      if (ActivityTypes.TASK_USER_TASK.equals(type)) {
        out.add(new Keyed(entry(a.getStartTime(), USER_TASK_STARTED, null, a.getActivityId(), a.getActivityName(),
            details("taskId", a.getTaskId(), "processInstanceId", pid)), n, i, 0));
        if (a.getEndTime() != null) {
          HistoricTaskInstance task = tasks.get(a.getTaskId());
          String assignee = task != null ? task.getAssignee() : a.getAssignee();
          boolean completed = !a.isCanceled() && (task == null || "completed".equals(task.getDeleteReason()));
          out.add(new Keyed(entry(a.getEndTime(), completed ? USER_TASK_COMPLETED : USER_TASK_CANCELLED, assignee,
              a.getActivityId(), a.getActivityName(),
              details("taskId", a.getTaskId(), "assignee", assignee, "processInstanceId", pid)), n, i, 2));
        }
      } else if (isEvent(type)) {
        // An event happened when it was triggered; catch events that were cancelled never happened.
        if (a.getEndTime() != null && !a.isCanceled()) {
          out.add(new Keyed(entry(a.getEndTime(), EVENT, null, a.getActivityId(), a.getActivityName(),
              details("activityType", type, "processInstanceId", pid)), n, i, 0));
        }
      } else if (!type.endsWith("Gateway") && !NOT_LISTED.contains(type)) {
        String state = a.isCanceled() ? "CANCELLED" : a.getEndTime() == null ? "ACTIVE" : "COMPLETED";
        out.add(new Keyed(entry(a.getStartTime(), ACTIVITY, null, a.getActivityId(), a.getActivityName(),
            details("activityType", type, "state", state, "processInstanceId", pid)), n, i, 0));
      }
      for (HistoricDecisionInstance d : decisions.getOrDefault(a.getId(), List.of())) {
        out.add(new Keyed(decision(d, pid), n, i, 1));
      }
    }

    for (HistoricIncident incident : history.createHistoricIncidentQuery().processInstanceId(pid)
        .orderByCreateTime().asc().list()) {
      String state = incident.isResolved() ? "RESOLVED" : incident.isDeleted() ? "DELETED" : "OPEN";
      String name = activityNames.get(incident.getActivityId());
      out.add(new Keyed(entry(incident.getCreateTime(), INCIDENT, null, incident.getActivityId(), name,
          details("incidentId", incident.getId(), "incidentType", incident.getIncidentType(),
              "message", incident.getIncidentMessage(), "state", state, "processInstanceId", pid)),
          n, INCIDENTS, 0));
      if (incident.getEndTime() != null) {
        out.add(new Keyed(entry(incident.getEndTime(), INCIDENT_RESOLVED, null, incident.getActivityId(), name,
            details("incidentId", incident.getId(), "incidentType", incident.getIncidentType(), "state", state,
                "processInstanceId", pid)), n, INCIDENTS, 1));
      }
    }

    if (instance.getEndTime() != null) {
      out.add(new Keyed(entry(instance.getEndTime(), PROCESS_ENDED, null, null, instance.getProcessDefinitionName(),
          details("processInstanceId", pid, "state", instance.getState(),
              "deleteReason", instance.getDeleteReason())), n, LAST, 0));
    }
  }

  private static HistoryEntry decision(HistoricDecisionInstance d, String pid) {
    // One map of output name -> value per matched rule, in rule order (FIRST/UNIQUE tables have one).
    Map<Integer, Map<String, Object>> byRule = new TreeMap<>();
    for (HistoricDecisionOutputInstance output : d.getOutputs()) {
      Integer rule = output.getRuleOrder() == null ? 0 : output.getRuleOrder();
      byRule.computeIfAbsent(rule, r -> new LinkedHashMap<>()).put(output.getVariableName(), output.getValue());
    }
    return entry(d.getEvaluationTime(), DECISION_EVALUATED, null, d.getActivityId(), d.getDecisionDefinitionName(),
        details("decisionKey", d.getDecisionDefinitionKey(), "decisionInstanceId", d.getId(),
            "outputs", List.copyOf(byRule.values()), "processInstanceId", pid));
  }

  private static boolean isEvent(String type) {
    return type.endsWith("Event") || type.startsWith("boundary") || type.startsWith("intermediate");
  }

  private static HistoryEntry entry(Date at, String type, String actor, String activityId, String name,
      Map<String, Object> details) {
    return new HistoryEntry(at.toInstant(), Source.PROCESS, type, actor, activityId, name, details);
  }

  /** Alternating keys and values; null values are left out. */
  private static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        details.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return details;
  }

  private record Keyed(HistoryEntry entry, int instance, int order, int step) {
    Instant at() {
      return entry.at();
    }
  }
}
