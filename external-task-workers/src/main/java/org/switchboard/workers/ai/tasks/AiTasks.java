package org.switchboard.workers.ai.tasks;

/**
 * What the AI topic workers ask of the platform (implemented by case-api over its AI gateway; remote workers
 * reach it over HTTP). Each call loads the subject by id, runs the service through the tenant's configuration
 * (toggle, provider chain, redaction, quotas, cache), stores the result for audit and display, and returns only
 * the facts a process may hold: ids, codes and booleans.
 *
 * <p>A service switched off for the tenant is not an error: the facts say {@code available=false} and the
 * process takes its modeled path without it. An {@link org.switchboard.workers.ai.AiUnavailableException} means
 * every provider of the chain failed: a technical failure, retried and then an incident.
 */
public interface AiTasks {

  RiskKeywordFacts detectRiskKeywords(String tenantId, String messageId);

  SentimentFacts analyzeSentiment(String tenantId, String messageId);

  /** @param subjectId a case id (summary of the case file) or a conversation id */
  ResultFacts summarize(String tenantId, String subjectId);

  /** @param documentId a recording or voice note stored as a case document */
  ResultFacts transcribe(String tenantId, String documentId);

  ResultFacts translate(String tenantId, String messageId, String targetLanguage);

  IntentFacts classifyIntent(String tenantId, String messageId);

  /** The bot's answer is stored as an outbound message of the conversation (sent by the channel's send task). */
  BotFacts chatbotReply(String tenantId, String messageId);

  /** @param maxSeverity {@code NONE}..{@code CRITICAL} over non-negated matches; @param categories comma separated */
  record RiskKeywordFacts(boolean available, String maxSeverity, String categories, boolean immediateDanger,
      boolean selfHarmRisk, boolean childAtRisk, String resultId) {

    public static RiskKeywordFacts unavailable() {
      return new RiskKeywordFacts(false, "NONE", "", false, false, false, null);
    }
  }

  /** @param distressBand {@code NONE}, {@code LOW}, {@code MEDIUM}, {@code HIGH} */
  record SentimentFacts(boolean available, String distressBand, String resultId) {

    public static SentimentFacts unavailable() {
      return new SentimentFacts(false, "NONE", null);
    }
  }

  record ResultFacts(boolean available, String resultId) {

    public static ResultFacts unavailable() {
      return new ResultFacts(false, null);
    }
  }

  /** @param intent the intent name (a code of the sector's model) or null */
  record IntentFacts(boolean available, String intent, String resultId) {

    public static IntentFacts unavailable() {
      return new IntentFacts(false, null, null);
    }
  }

  /**
   * @param replyMessageId the stored bot answer to send, null when handing off
   * @param skipped the bot stood down without a word: a newer message has its own turn, or a person took over
   */
  record BotFacts(boolean available, boolean handoff, String replyMessageId, String resultId, boolean skipped) {

    public BotFacts(boolean available, boolean handoff, String replyMessageId, String resultId) {
      this(available, handoff, replyMessageId, resultId, false);
    }

    public static BotFacts unavailable() {
      return new BotFacts(false, true, null, null);
    }

    public static BotFacts skippedTurn() {
      return new BotFacts(true, false, null, null, true);
    }
  }
}
