package org.switchboard.caseapi.ai.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis;
import org.switchboard.workers.channels.Channel;

/**
 * The survivor-support scenario end to end: an SMS saying the caller is in imminent danger opens a case, is
 * analysed by the AI gateway's offline providers through the real workers, and a supervisor's review, due within
 * the critical first-response target, is what raises the case to critical risk; everything is audited.
 */
@SwitchboardTest
class MessageAnalysisTest {

  @Autowired TestFixtures fixtures;
  @Autowired org.switchboard.caseapi.support.ProcessDriver processes;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor inbound;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired MessageAnalysisTrigger trigger;
  @Autowired MessageAnalysisSweep sweep;
  @Autowired java.time.Clock clock;

  @Test
  void anImminentDangerSmsRaisesTheCaseToCriticalOnlyThroughASupervisorsReview() {
    String tenant = fixtures.tenant("survivor-support");
    String supervisor = fixtures.supervisor(tenant);
    var account = conversations.account(tenant, Channel.SMS, "survivor-support");

    String messageId = receive(account, "+447700900123", "He has a gun and he says he will kill me tonight");
    String caseId = caseOf(messageId);
    analyse(messageId);

    Task review = tasks.createTaskQuery().processInstanceBusinessKey(messageId).singleResult();
    assertThat(review).as("supervisor review task").isNotNull();
    assertThat(review.getTaskDefinitionKey()).isEqualTo(InboundMessageAnalysis.Elements.TASK_REVIEW_AI_RISK_FINDING);
    assertThat(tasks.getIdentityLinksForTask(review.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("supervisors"));
    assertThat(Duration.between(Instant.now(), review.getDueDate().toInstant())).isLessThanOrEqualTo(Duration.ofMinutes(5));
    Map<String, Object> finding = tasks.getVariables(review.getId());
    assertThat(finding).containsEntry("aiMaxSeverity", "CRITICAL").containsEntry("immediateDanger", true)
        .containsEntry("proposedRiskLevel", "CRITICAL");
    assertThat(finding.get("aiFindingCategories").toString()).isNotBlank();

    assertThat(riskLevel(caseId)).as("nothing changes before a person decides").isNotEqualTo("CRITICAL");

    completeAs(supervisor, review, Map.of("aiReviewDecision", "APPROVE", "aiReviewReason", "CONFIRMED_BY_MESSAGE"));

    assertThat(riskLevel(caseId)).isEqualTo("CRITICAL");
    assertThat(jdbc.sql("SELECT change_type FROM case_change WHERE case_id = :c").param("c", caseId)
        .query(String.class).list()).contains("AI_RISK_REVIEWED");
    assertThat(auditActions(caseId)).contains("AI_DECISION_REVIEWED");
    assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE object_id = :c AND action = 'AI_DECISION_REVIEWED'")
        .param("c", caseId).query(String.class).single()).isEqualTo(supervisor);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_result WHERE tenant_id = :t").param("t", tenant).query(Long.class)
        .single()).as("keyword and sentiment results recorded").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aNegatedFearIsRecordedWithoutAReviewAndAServiceSwitchedOffIsAModeledPath() {
    String tenant = fixtures.tenant("survivor-support");
    var account = conversations.account(tenant, Channel.SMS, "survivor-support");

    String calm = receive(account, "+447700900456", "I am not afraid anymore, thank you for the leaflet");
    analyse(calm);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(calm).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().activityId(
        InboundMessageAnalysis.Elements.SERVICE_TASK_RECORD_ANALYSIS).list().stream()
        .anyMatch(a -> calm.equals(history.createHistoricProcessInstanceQuery()
            .processInstanceId(a.getProcessInstanceId()).singleResult().getBusinessKey()))).isTrue();

    ApiClient admin = fixtures.as(fixtures.admin());
    assertThat(admin.put("/api/v1/config/ai-services/keywords/toggle?tenantId=" + tenant, Map.of("enabled", false))
        .status()).isEqualTo(200);
    String unread = receive(account, "+447700900789", "he has a gun");
    analyse(unread);

    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(unread).count())
        .as("no review without keyword detection").isZero();
    String caseId = caseOf(unread);
    assertThat(jdbc.sql("""
        SELECT details FROM audit_event WHERE object_id = :c AND action = 'AI_ANALYSIS_RECORDED'""")
        .param("c", caseId).query(String.class).list()).anySatisfy(d -> assertThat(d).contains("NOT_AVAILABLE"));
  }

  @Test
  void anAnalysisWhoseStartWasLostIsStartedByTheSweepExactlyOnce() {
    String tenant = fixtures.tenant("survivor-support");
    var account = conversations.account(tenant, Channel.SMS, "survivor-support");
    String messageId = receive(account, "+447700900321", "he is outside with a knife");
    assertThat(analyses(messageId)).isEqualTo(1);
    assertThat(trigger.startFor(messageId, caseOf(messageId))).as("a redelivered event starts nothing").isFalse();

    // What a failed start leaves behind: the message on its case, no analysis, no stamp.
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(messageId).list()
        .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test: simulate a lost start"));
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(messageId).list()
        .forEach(pi -> history.deleteHistoricProcessInstance(pi.getId()));
    jdbc.sql("UPDATE message SET analysis_at = NULL, created_at = :then WHERE id = :m").param("m", messageId)
        .param("then", java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(2)))).update();
    assertThat(analyses(messageId)).isZero();

    assertThat(sweep.round()).isGreaterThanOrEqualTo(1);
    assertThat(analyses(messageId)).isEqualTo(1);
    sweep.round();
    assertThat(analyses(messageId)).as("stamped: never a second analysis").isEqualTo(1);

    analyse(messageId);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(messageId).count()).as("review task").isEqualTo(1);
  }

  private long analyses(String messageId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(InboundMessageAnalysis.PROCESS_KEY)
        .processInstanceBusinessKey(messageId).count();
  }

  private String receive(org.switchboard.workers.channels.ChannelAccount account, String from, String text) {
    String messageId = conversations.accept(conversations.message(account, from, text)).messageId();
    InboundProcessor.Outcome outcome = inbound.process(messageId);
    assertThat(outcome).as("processing of %s: %s", messageId, conversations.row(messageId))
        .isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    return messageId;
  }

  private String caseOf(String messageId) {
    return jdbc.sql("SELECT case_id FROM message WHERE id = :id").param("id", messageId).query(String.class).single();
  }

  private void analyse(String messageId) {
    processes.runProcessesOf(messageId);
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, List.of("supervisors"), List.of(tenantOf(task)));
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private String riskLevel(String caseId) {
    return jdbc.sql("SELECT risk_level FROM case_record WHERE id = :c").param("c", caseId).query(String.class)
        .optional().orElse(null);
  }

  private static String tenantOf(Task task) {
    return task.getTenantId();
  }

  private List<String> auditActions(String caseId) {
    return jdbc.sql("SELECT action FROM audit_event WHERE object_id = :c").param("c", caseId).query(String.class)
        .list();
  }
}
