package org.switchboard.workers;

/**
 * Every external-task topic Switchboard's processes publish, named by capability. Each has one worker and one
 * element template in {@code modeler-plugins/element-templates}.
 */
public final class Topics {

  // Channel sends: the job's variable {@code messageId} names the outbound message; nothing else is needed.
  public static final String SEND_SMS = "SendSms";
  public static final String SEND_WHATSAPP = "SendWhatsApp";
  public static final String SEND_EMAIL = "SendEmail";
  public static final String SEND_WEB_CHAT = "SendWebChat";
  /** Facebook Messenger and Instagram direct messages (both go through the Meta Graph API send endpoint). */
  public static final String SEND_MESSENGER = "SendMessenger";

  // AI: the job's variables name the message, conversation or case to work on; results are stored by id.
  public static final String DETECT_RISK_KEYWORDS = "DetectRiskKeywords";
  public static final String ANALYZE_SENTIMENT = "AnalyzeSentiment";
  public static final String SUMMARIZE = "Summarize";
  public static final String TRANSCRIBE = "Transcribe";
  public static final String TRANSLATE = "Translate";
  public static final String CLASSIFY_INTENT = "ClassifyIntent";
  public static final String CHATBOT_REPLY = "ChatbotReply";

  private Topics() {
  }
}
