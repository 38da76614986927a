package org.switchboard.workers.ai.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.switchboard.workers.Topics;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.Outcome;
import org.switchboard.workers.runtime.TopicWorker;

class AiTopicWorkersTest {

  /** Answers from a script; a message id starting with "down" fails every provider. */
  static class ScriptedAiTasks implements AiTasks {
    @Override
    public RiskKeywordFacts detectRiskKeywords(String tenantId, String messageId) {
      if (messageId.startsWith("down")) {
        throw new AiUnavailableException("offline-lexicon failed");
      }
      if (messageId.startsWith("off")) {
        return RiskKeywordFacts.unavailable();
      }
      return new RiskKeywordFacts(true, "CRITICAL", "weapon", true, false, false, "r-1");
    }

    @Override
    public SentimentFacts analyzeSentiment(String tenantId, String messageId) {
      return new SentimentFacts(true, "HIGH", "r-2");
    }

    @Override
    public ResultFacts summarize(String tenantId, String subjectId) {
      return new ResultFacts(true, "sum-" + subjectId);
    }

    @Override
    public ResultFacts transcribe(String tenantId, String documentId) {
      return ResultFacts.unavailable();
    }

    @Override
    public ResultFacts translate(String tenantId, String messageId, String targetLanguage) {
      return new ResultFacts(true, "tr-" + targetLanguage);
    }

    @Override
    public IntentFacts classifyIntent(String tenantId, String messageId) {
      return new IntentFacts(true, "refund", "r-3");
    }

    @Override
    public BotFacts chatbotReply(String tenantId, String messageId) {
      return new BotFacts(true, false, "reply-1", "r-4");
    }
  }

  private final Map<String, TopicWorker> workers = new HashMap<>();

  AiTopicWorkersTest() {
    try (var context = new AnnotationConfigApplicationContext()) {
      context.registerBean(AiTasks.class, ScriptedAiTasks::new);
      context.register(AiTopicWorkers.class);
      context.refresh();
      context.getBeansOfType(TopicWorker.class).values().forEach(w -> workers.put(w.topic(), w));
    }
  }

  private static Job job(String topic, Map<String, Object> variables) {
    return new Job("task-1", topic, "pi-1", "msg-1", "tenant-a", variables, 1);
  }

  @Test
  void thereIsOneWorkerPerAiTopic() {
    assertThat(workers.keySet()).containsExactlyInAnyOrder(Topics.DETECT_RISK_KEYWORDS, Topics.ANALYZE_SENTIMENT,
        Topics.SUMMARIZE, Topics.TRANSCRIBE, Topics.TRANSLATE, Topics.CLASSIFY_INTENT, Topics.CHATBOT_REPLY);
  }

  @Test
  void keywordFindingsBecomeRiskFacts() {
    Outcome outcome = workers.get(Topics.DETECT_RISK_KEYWORDS).work(job(Topics.DETECT_RISK_KEYWORDS,
        Map.of("messageId", "msg-1")));

    assertThat(outcome).isInstanceOfSatisfying(Outcome.Completed.class, c -> assertThat(c.variables())
        .containsEntry("aiKeywordsAvailable", true).containsEntry("aiMaxSeverity", "CRITICAL")
        .containsEntry("immediateDanger", true).containsEntry("aiKeywordsResultId", "r-1"));
  }

  @Test
  void aServiceSwitchedOffCompletesWithAvailableFalseSoTheProcessTakesItsModeledPath() {
    Outcome outcome = workers.get(Topics.DETECT_RISK_KEYWORDS).work(job(Topics.DETECT_RISK_KEYWORDS,
        Map.of("messageId", "off-1")));

    assertThat(outcome).isInstanceOfSatisfying(Outcome.Completed.class, c -> assertThat(c.variables())
        .containsEntry("aiKeywordsAvailable", false).containsEntry("aiKeywordsResultId", null));
  }

  @Test
  void everyProviderFailingIsRetriedAndAMissingVariableIsAnIncident() {
    assertThat(workers.get(Topics.DETECT_RISK_KEYWORDS).work(job(Topics.DETECT_RISK_KEYWORDS,
        Map.of("messageId", "down-1")))).isInstanceOfSatisfying(Outcome.Failure.class,
            f -> assertThat(f.retryable()).isTrue());
    assertThat(workers.get(Topics.ANALYZE_SENTIMENT).work(job(Topics.ANALYZE_SENTIMENT, Map.of())))
        .isInstanceOfSatisfying(Outcome.Failure.class, f -> {
          assertThat(f.retryable()).isFalse();
          assertThat(f.message()).contains("messageId");
        });
  }

  @Test
  void otherTopicsReadTheirSubjects() {
    assertThat(variables(Topics.SUMMARIZE, Map.of("caseId", "c-9"))).containsEntry("aiSummaryResultId", "sum-c-9");
    assertThat(variables(Topics.SUMMARIZE, Map.of("caseId", "c-9", "aiSubjectId", "conv-1")))
        .containsEntry("aiSummaryResultId", "sum-conv-1");
    assertThat(variables(Topics.TRANSCRIBE, Map.of("documentId", "d-1"))).containsEntry("aiTranscriptAvailable", false);
    assertThat(variables(Topics.TRANSLATE, Map.of("messageId", "m", "targetLanguage", "en")))
        .containsEntry("aiTranslationResultId", "tr-en");
    assertThat(variables(Topics.CLASSIFY_INTENT, Map.of("messageId", "m"))).containsEntry("intent", "refund");
    assertThat(variables(Topics.CHATBOT_REPLY, Map.of("messageId", "m"))).containsEntry("botHandoff", false)
        .containsEntry("botTurnSkipped", false).containsEntry("botReplyMessageId", "reply-1");
    assertThat(List.copyOf(workers.values())).allSatisfy(w -> assertThat(w.toString()).contains(w.topic()));
  }

  private Map<String, Object> variables(String topic, Map<String, Object> variables) {
    Outcome outcome = workers.get(topic).work(job(topic, variables));
    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    return ((Outcome.Completed) outcome).variables();
  }
}
