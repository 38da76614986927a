package org.switchboard.workers.ai.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.workers.Topics;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.Outcome;
import org.switchboard.workers.runtime.TopicWorker;

/**
 * One thin worker per AI topic: read the subject id from the job, ask {@link AiTasks}, set the facts. Variable
 * names are documented in each topic's element template (modeler-plugins/element-templates).
 */
@Configuration(proxyBeanMethods = false)
public class AiTopicWorkers {

  /** Variables the workers read. */
  public static final String MESSAGE_ID = "messageId";
  public static final String CASE_ID = "caseId";
  public static final String SUBJECT_ID = "aiSubjectId";
  public static final String DOCUMENT_ID = "documentId";
  public static final String TARGET_LANGUAGE = "targetLanguage";

  @Bean
  TopicWorker detectRiskKeywordsWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.DETECT_RISK_KEYWORDS, job -> {
      AiTasks.RiskKeywordFacts f = tasks.getObject().detectRiskKeywords(job.tenantId(), job.requireString(MESSAGE_ID));
      Map<String, Object> v = new HashMap<>();
      v.put("aiKeywordsAvailable", f.available());
      v.put("aiMaxSeverity", f.maxSeverity());
      v.put("aiFindingCategories", f.categories());
      v.put("immediateDanger", f.immediateDanger());
      v.put("selfHarmRisk", f.selfHarmRisk());
      v.put("childAtRisk", f.childAtRisk());
      v.put("aiKeywordsResultId", f.resultId());
      return v;
    });
  }

  @Bean
  TopicWorker analyzeSentimentWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.ANALYZE_SENTIMENT, job -> {
      AiTasks.SentimentFacts f = tasks.getObject().analyzeSentiment(job.tenantId(), job.requireString(MESSAGE_ID));
      Map<String, Object> v = new HashMap<>();
      v.put("aiSentimentAvailable", f.available());
      v.put("distressBand", f.distressBand());
      v.put("aiSentimentResultId", f.resultId());
      return v;
    });
  }

  @Bean
  TopicWorker summarizeWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.SUMMARIZE, job -> {
      String subject = job.string(SUBJECT_ID).orElseGet(() -> job.requireString(CASE_ID));
      AiTasks.ResultFacts f = tasks.getObject().summarize(job.tenantId(), subject);
      return facts("aiSummaryAvailable", f.available(), "aiSummaryResultId", f.resultId());
    });
  }

  @Bean
  TopicWorker transcribeWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.TRANSCRIBE, job -> {
      AiTasks.ResultFacts f = tasks.getObject().transcribe(job.tenantId(), job.requireString(DOCUMENT_ID));
      return facts("aiTranscriptAvailable", f.available(), "aiTranscriptResultId", f.resultId());
    });
  }

  @Bean
  TopicWorker translateWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.TRANSLATE, job -> {
      AiTasks.ResultFacts f = tasks.getObject().translate(job.tenantId(), job.requireString(MESSAGE_ID),
          job.requireString(TARGET_LANGUAGE));
      return facts("aiTranslationAvailable", f.available(), "aiTranslationResultId", f.resultId());
    });
  }

  @Bean
  TopicWorker classifyIntentWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.CLASSIFY_INTENT, job -> {
      AiTasks.IntentFacts f = tasks.getObject().classifyIntent(job.tenantId(), job.requireString(MESSAGE_ID));
      Map<String, Object> v = new HashMap<>();
      v.put("aiIntentAvailable", f.available());
      v.put("intent", f.intent());
      v.put("aiIntentResultId", f.resultId());
      return v;
    });
  }

  @Bean
  TopicWorker chatbotReplyWorker(ObjectProvider<AiTasks> tasks) {
    return worker(Topics.CHATBOT_REPLY, job -> {
      AiTasks.BotFacts f = tasks.getObject().chatbotReply(job.tenantId(), job.requireString(MESSAGE_ID));
      Map<String, Object> v = new HashMap<>();
      v.put("aiChatbotAvailable", f.available());
      v.put("botHandoff", f.handoff());
      v.put("botTurnSkipped", f.skipped());
      v.put("botReplyMessageId", f.replyMessageId());
      v.put("aiChatbotResultId", f.resultId());
      return v;
    });
  }

  private static Map<String, Object> facts(String availableName, boolean available, String resultName,
      String resultId) {
    Map<String, Object> v = new HashMap<>();
    v.put(availableName, available);
    v.put(resultName, resultId);
    return v;
  }

  /** Every provider failing is technical (retry, then incident); a missing variable is a modeling error. */
  static TopicWorker worker(String topic, Function<Job, Map<String, Object>> work) {
    return new TopicWorker() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public Outcome work(Job job) {
        try {
          return Outcome.completed(work.apply(job));
        } catch (AiUnavailableException e) {
          return Outcome.retry("every provider of " + topic + " failed: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
          return Outcome.incident(e.getMessage(), e);
        }
      }

      @Override
      public String toString() {
        return "TopicWorker[" + topic + "]";
      }
    };
  }
}
