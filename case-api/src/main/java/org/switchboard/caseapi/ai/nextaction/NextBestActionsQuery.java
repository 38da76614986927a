package org.switchboard.caseapi.ai.nextaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiContext;
import org.switchboard.caseapi.ai.AiGateway;
import org.switchboard.caseapi.ai.AiOutcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.conversations.outbound.templates.CannedResponse;
import org.switchboard.caseapi.conversations.outbound.templates.CannedResponseRepository;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.knowledgebase.TenantKnowledgeBase;
import org.switchboard.caseapi.ai.nextaction.NextBestActionRules.Facts;
import org.switchboard.caseapi.ai.nextaction.NextBestActionRules.Recommendation;
import org.switchboard.workers.ai.offline.intent.DefaultIntentModels;

/**
 * What an agent could do next on a case: the NextBestAction table on the case's facts and, when the services are
 * on, the intent and distress of the latest inbound message; the tenant's canned responses tagged as the table
 * suggests; and the knowledge-base entries closest to the message (the tenant's published articles, else the
 * sector's shipped FAQ). A service that is off, over quota or unavailable
 * only leaves its fact empty: the table is written to answer without it.
 */
@Component
public class NextBestActionsQuery {

  private final CaseAccess caseAccess;
  private final JdbcClient jdbc;
  private final MessageCipher cipher;
  private final AiGateway gateway;
  private final NextBestActionRules rules;
  private final CannedResponseRepository canned;
  private final KnowledgeBaseRetrieval knowledgeBase;
  private final AuditRecorder audit;
  private final TenantKnowledgeBase tenantKnowledgeBase;

  public NextBestActionsQuery(CaseAccess caseAccess, JdbcClient jdbc, MessageCipher cipher, AiGateway gateway,
      NextBestActionRules rules, CannedResponseRepository canned, KnowledgeBaseRetrieval knowledgeBase,
      AuditRecorder audit, TenantKnowledgeBase tenantKnowledgeBase) {
    this.tenantKnowledgeBase = tenantKnowledgeBase;
    this.caseAccess = caseAccess;
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.gateway = gateway;
    this.rules = rules;
    this.canned = canned;
    this.knowledgeBase = knowledgeBase;
    this.audit = audit;
  }

  public NextBestActions forCase(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "next-best-actions");
    Optional<Message> message = latestInbound(c);
    AiContext context = AiContext.aboutCase(CurrentUser.get().userId(), c.id());
    List<AiSignal> signals = new ArrayList<>();

    String intent = null;
    String distressBand = null;
    if (message.isPresent()) {
      String text = message.get().body();
      if (DefaultIntentModels.SECTORS.contains(c.sector())) {
        var outcome = gateway.classifyIntent(c.tenantId(), text, null, DefaultIntentModels.forSector(c.sector()),
            context);
        intent = outcome.ok() ? outcome.value().intent() : null;
        signals.add(AiSignal.of("intent", outcome, intent));
      }
      var outcome = gateway.sentiment(c.tenantId(), text, null, context);
      distressBand = outcome.ok() ? band(outcome.value().distress()) : null;
      signals.add(AiSignal.of("distress", outcome, distressBand));
    }

    Facts facts = new Facts(c.sector(), c.riskLevel() == null ? null : c.riskLevel().name(), intent, distressBand,
        message.map(Message::channel).orElse(null));
    List<ActionView> actions = actions(c.tenantId(), rules.evaluate(c.tenantId(), facts));
    // Every language of the knowledge base: word overlap finds nothing in the other ones, and an agent judges the
    // suggestions anyway, so no language service is asked here.
    List<KnowledgeBaseRetrieval.Hit> faq = message
        .map(m -> knowledgeBase.bestMatches(tenantKnowledgeBase.candidates(c.tenantId(), c.sector()), m.body(), null))
        .orElse(List.of());
    List<String> resultIds = signals.stream().filter(s -> "OK".equals(s.status())).map(AiSignal::resultId)
        .filter(id -> id != null).toList();
    return new NextBestActions(c.id(), message.map(Message::id).orElse(null), facts, signals, actions, faq, true,
        resultIds);
  }

  /** Thresholds as in message analysis, so the table sees the same band as the risk process. */
  static String band(double distress) {
    return distress >= 0.75 ? "HIGH" : distress >= 0.5 ? "MEDIUM" : distress >= 0.25 ? "LOW" : "NONE";
  }

  /** Several rules may recommend one action: it is listed once, at its most urgent priority, with every reason. */
  private List<ActionView> actions(String tenantId, List<Recommendation> recommendations) {
    Map<String, Merged> byAction = new LinkedHashMap<>();
    for (Recommendation r : recommendations) {
      Merged m = byAction.computeIfAbsent(r.action(), a -> new Merged(a, r.priority()));
      m.priority = Math.min(m.priority, r.priority());
      if (r.reason() != null) {
        m.reasons.add(r.reason());
      }
      if (r.cannedTag() != null && !r.cannedTag().isBlank()) {
        m.tags.add(r.cannedTag().toLowerCase(Locale.ROOT));
      }
    }
    List<CannedResponse> tenantCanned = byAction.isEmpty() ? List.of() : canned.list(tenantId);
    return byAction.values().stream()
        .sorted(Comparator.comparingInt((Merged m) -> m.priority))
        .map(m -> new ActionView(m.action, m.priority, m.reasons.iterator().next(), List.copyOf(m.reasons),
            List.copyOf(m.tags), tenantCanned.stream()
                .filter(cr -> cr.tags().stream().anyMatch(t -> m.tags.contains(t.toLowerCase(Locale.ROOT))))
                .map(cr -> new CannedSuggestion(cr.id(), cr.title()))
                .toList()))
        .toList();
  }

  private Optional<Message> latestInbound(CaseRecord c) {
    return jdbc.sql("""
        SELECT id, channel, body FROM message
        WHERE tenant_id = :t AND case_id = :c AND direction = 'INBOUND' AND body IS NOT NULL
        ORDER BY created_at DESC, id DESC""").param("t", c.tenantId()).param("c", c.id())
        .query((rs, n) -> new Message(rs.getString("id"), rs.getString("channel"),
            cipher.open(MessageCipher.MESSAGE, rs.getString("id"), "body", c.tenantId(), rs.getString("body"))))
        .stream().findFirst();
  }

  private record Message(String id, String channel, String body) {
  }

  private static final class Merged {
    final String action;
    int priority;
    final LinkedHashSet<String> reasons = new LinkedHashSet<>();
    final LinkedHashSet<String> tags = new LinkedHashSet<>();

    Merged(String action, int priority) {
      this.action = action;
      this.priority = priority;
    }
  }

  /**
   * @param aiGenerated always true: the list is a machine's suggestion for a human to judge
   * @param resultIds the audited AI results (ai_result) that fed the table; a refusal's record is in {@code ai}
   */
  public record NextBestActions(String caseId, String messageId, Facts facts, List<AiSignal> ai,
      List<ActionView> actions, List<KnowledgeBaseRetrieval.Hit> knowledgeBase, boolean aiGenerated,
      List<String> resultIds) {
  }

  /** One AI service's contribution: its status (OK, DISABLED, QUOTA_EXCEEDED, UNAVAILABLE) and the fact it gave. */
  public record AiSignal(String fact, String service, String status, String value, String resultId,
      String providerId, boolean aiGenerated) {
    static AiSignal of(String fact, AiOutcome<?> outcome, String value) {
      return new AiSignal(fact, outcome.service().name(), outcome.status().name(), value, outcome.resultId(),
          outcome.providerId(), outcome.aiGenerated());
    }
  }

  public record ActionView(String code, int priority, String reason, List<String> reasons, List<String> cannedTags,
      List<CannedSuggestion> suggestedCannedResponses) {
  }

  public record CannedSuggestion(String id, String title) {
  }
}
