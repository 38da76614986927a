package org.switchboard.caseapi.ai.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiContext;
import org.switchboard.caseapi.ai.AiGateway;
import org.switchboard.caseapi.ai.AiOutcome;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.ai.chatbot.BotTurnPolicy;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.outbound.SendMessageUseCase;
import org.switchboard.caseapi.conversations.outbound.SendRequest;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.documents.CaseDocumentsQuery;
import org.switchboard.caseapi.knowledgebase.TenantKnowledgeBase;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Chatbot.BotReply;
import org.switchboard.workers.ai.Chatbot.BotTurn;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.intent.DefaultIntentModels;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.tasks.AiTasks;
import org.switchboard.workers.channels.Channel;

/**
 * {@link AiTasks} on the AI gateway: loads the subject (message, case, document), calls the tenant's configured
 * service and turns the result into facts. A service switched off or over its quota gives {@code available=false}
 * (the process's modeled path); a chain where no provider answered is a technical failure (retries, incident).
 */
@Component
public class GatewayAiTasks implements AiTasks {

  /** Lexicon categories whose findings establish the risk table's facts. */
  private static final Set<String> SELF_HARM = Set.of("suicide", "self-harm");
  private static final Set<String> CHILD = Set.of("child-safety");
  private static final int SUMMARY_SENTENCES = 5;

  private final AiGateway gateway;
  private final JdbcClient jdbc;
  private final MessageCipher cipher;
  private final CaseRepository cases;
  private final CaseDocumentsQuery documents;
  private final SendMessageUseCase send;
  private final BotTurnPolicy botTurns;
  private final TenantKnowledgeBase knowledgeBase;

  public GatewayAiTasks(AiGateway gateway, JdbcClient jdbc, MessageCipher cipher, CaseRepository cases,
      CaseDocumentsQuery documents, SendMessageUseCase send, BotTurnPolicy botTurns,
      TenantKnowledgeBase knowledgeBase) {
    this.knowledgeBase = knowledgeBase;
    this.gateway = gateway;
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.cases = cases;
    this.documents = documents;
    this.send = send;
    this.botTurns = botTurns;
  }

  @Override
  public RiskKeywordFacts detectRiskKeywords(String tenantId, String messageId) {
    Message m = message(tenantId, messageId);
    AiOutcome<List<KeywordMatch>> outcome = gateway.keywords(tenantId, m.body(), null, lexicon(m.sector()),
        context("DetectRiskKeywords", m.caseId()));
    if (!usable(outcome)) {
      return RiskKeywordFacts.unavailable();
    }
    List<KeywordMatch> findings = outcome.value().stream().filter(f -> !f.negated()).toList();
    Severity max = findings.stream().map(KeywordMatch::severity).max(Comparator.naturalOrder()).orElse(null);
    TreeSet<String> categories = new TreeSet<>();
    findings.forEach(f -> categories.add(f.category()));
    boolean danger = findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL);
    boolean selfHarm = findings.stream()
        .anyMatch(f -> SELF_HARM.contains(f.category()) && f.severity().compareTo(Severity.HIGH) >= 0);
    boolean child = findings.stream()
        .anyMatch(f -> CHILD.contains(f.category()) && f.severity().compareTo(Severity.HIGH) >= 0);
    return new RiskKeywordFacts(true, max == null ? "NONE" : max.name(), String.join(",", categories), danger,
        selfHarm, child, outcome.resultId());
  }

  @Override
  public SentimentFacts analyzeSentiment(String tenantId, String messageId) {
    Message m = message(tenantId, messageId);
    var outcome = gateway.sentiment(tenantId, m.body(), null, context("AnalyzeSentiment", m.caseId()));
    if (!usable(outcome)) {
      return SentimentFacts.unavailable();
    }
    double distress = outcome.value().distress();
    String band = distress >= 0.75 ? "HIGH" : distress >= 0.5 ? "MEDIUM" : distress >= 0.25 ? "LOW" : "NONE";
    return new SentimentFacts(true, band, outcome.resultId());
  }

  @Override
  public ResultFacts summarize(String tenantId, String subjectId) {
    List<Map<String, Object>> rows = jdbc.sql("""
        SELECT id, case_id, direction, created_by, body FROM message
        WHERE tenant_id = :t AND (case_id = :s OR conversation_id = :s) AND body IS NOT NULL
        ORDER BY created_at, id""").param("t", tenantId).param("s", subjectId).query().listOfRows();
    if (rows.isEmpty()) {
      throw new IllegalStateException("Nothing to summarise for " + subjectId + " of tenant " + tenantId);
    }
    List<String> utterances = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String text = cipher.open(MessageCipher.MESSAGE, (String) row.get("id"), "body", tenantId,
          (String) row.get("body"));
      utterances.add(speaker(row) + text);
    }
    String caseId = (String) rows.get(0).get("case_id");
    var outcome = gateway.summarize(tenantId, utterances, null, SUMMARY_SENTENCES, context("Summarize", caseId));
    return usable(outcome) ? new ResultFacts(true, outcome.resultId()) : ResultFacts.unavailable();
  }

  @Override
  public ResultFacts transcribe(String tenantId, String documentId) {
    String caseId = jdbc.sql("SELECT case_id FROM document WHERE id = :d AND tenant_id = :t")
        .param("d", documentId).param("t", tenantId).query(String.class).optional()
        .orElseThrow(() -> new IllegalStateException("Document " + documentId + " of tenant " + tenantId + " not found"));
    CaseDocumentsQuery.Content content = documents.content(caseId, documentId, null);
    byte[] audio;
    try (InputStream in = content.stream()) {
      audio = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var outcome = gateway.transcribe(tenantId, audio, content.version().contentType(), null,
        context("Transcribe", caseId));
    return usable(outcome) ? new ResultFacts(true, outcome.resultId()) : ResultFacts.unavailable();
  }

  @Override
  public ResultFacts translate(String tenantId, String messageId, String targetLanguage) {
    Message m = message(tenantId, messageId);
    var outcome = gateway.translate(tenantId, m.body(), null, targetLanguage, context("Translate", m.caseId()));
    return usable(outcome) ? new ResultFacts(true, outcome.resultId()) : ResultFacts.unavailable();
  }

  @Override
  public IntentFacts classifyIntent(String tenantId, String messageId) {
    Message m = message(tenantId, messageId);
    var outcome = gateway.classifyIntent(tenantId, m.body(), null, DefaultIntentModels.forSector(known(m.sector())),
        context("ClassifyIntent", m.caseId()));
    return usable(outcome) ? new IntentFacts(true, outcome.value().intent(), outcome.resultId())
        : IntentFacts.unavailable();
  }

  /**
   * The bot answers from the tenant's knowledge base ({@link TenantKnowledgeBase}: its published articles, else the
   * sector's shipped FAQ). When those are written in several languages the message's language is asked of the
   * tenant's language service and only entries in it are offered; a language service that is off or unsure leaves
   * every entry in. In survivor support a bot never writes to the person on its own: contacting a survivor is a
   * decision for a human, so the answer is kept as a suggestion and the conversation is handed over.
   */
  @Override
  public BotFacts chatbotReply(String tenantId, String messageId) {
    Message m = message(tenantId, messageId);
    if (botTurns.standDown(m.caseId(), m.conversationId(), messageId).isPresent()) {
      return BotFacts.skippedTurn();
    }
    TenantKnowledgeBase.Candidates kb = knowledgeBase.candidates(tenantId, known(m.sector()));
    String language = kb.languages().size() > 1 ? language(tenantId, m) : null;
    BotTurn turn = new BotTurn(tenantId, m.conversationId() == null ? messageId : m.conversationId(), m.body(),
        language, kb.entries(language));
    AiOutcome<BotReply> outcome = gateway.chatbotReply(tenantId, turn, context("ChatbotReply", m.caseId()));
    if (!usable(outcome)) {
      return BotFacts.unavailable();
    }
    BotReply reply = outcome.value();
    if (reply.handoff() || reply.text() == null || "survivor-support".equals(m.sector())) {
      return new BotFacts(true, true, null, outcome.resultId());
    }
    var sent = send.send(m.channel(), new SendRequest(m.caseId(), new SendRequest.Recipient(m.contactId(), null),
        reply.text(), null, null, null, null, null, null, null, null), "bot-reply-" + messageId);
    return new BotFacts(true, false, sent.message().id(), outcome.resultId());
  }

  /** The message's language, or null when the service is off, over quota, unavailable or unsure ({@code und}). */
  private String language(String tenantId, Message m) {
    var outcome = gateway.detectLanguage(tenantId, m.body(), context("ChatbotReply", m.caseId()));
    return outcome.ok() && !"und".equals(outcome.value().language()) ? outcome.value().language() : null;
  }

  /** Bot answers are sent by the system user: a summary must not present them as a person's words. */
  private static String speaker(Map<String, Object> row) {
    if ("INBOUND".equals(row.get("direction"))) {
      return "Contact: ";
    }
    return org.switchboard.caseapi.identity.CurrentUser.SYSTEM_USER.equals(row.get("created_by")) ? "Bot: " : "Agent: ";
  }

  /** Disabled and over-quota are modeled outcomes; no provider answering is a failure to retry. */
  private static boolean usable(AiOutcome<?> outcome) {
    return switch (outcome.status()) {
      case OK -> true;
      case DISABLED, QUOTA_EXCEEDED -> false;
      case UNAVAILABLE -> throw new AiUnavailableException("no provider of " + outcome.service() + " answered: "
          + outcome.attempts());
    };
  }

  private static AiContext context(String topic, String caseId) {
    return caseId == null ? AiContext.of("worker:" + topic) : AiContext.aboutCase("worker:" + topic, caseId);
  }

  /** The sector's shipped lexicon; cases outside the three sectors get all of them. */
  private static Lexicon lexicon(String sector) {
    return DefaultLexicons.SECTORS.contains(sector) ? DefaultLexicons.forSector(sector) : DefaultLexicons.all();
  }

  private static String known(String sector) {
    return DefaultLexicons.SECTORS.contains(sector) ? sector : "customer-service";
  }

  private record Message(String id, String caseId, String conversationId, String contactId, Channel channel,
      String body, String sector) {
  }

  private Message message(String tenantId, String messageId) {
    Map<String, Object> row = jdbc.sql("""
        SELECT id, case_id, conversation_id, contact_id, channel, body FROM message
        WHERE id = :id AND tenant_id = :t""").param("id", messageId).param("t", tenantId).query().listOfRows()
        .stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("Message " + messageId + " of tenant " + tenantId + " not found"));
    String caseId = (String) row.get("case_id");
    String sector = Optional.ofNullable(caseId).flatMap(cases::findById).map(CaseRecord::sector).orElse("generic");
    String stored = (String) row.get("body");
    String body = stored == null ? "" : cipher.open(MessageCipher.MESSAGE, messageId, "body", tenantId, stored);
    return new Message(messageId, caseId, (String) row.get("conversation_id"), (String) row.get("contact_id"),
        Channel.valueOf((String) row.get("channel")), body, sector);
  }
}
