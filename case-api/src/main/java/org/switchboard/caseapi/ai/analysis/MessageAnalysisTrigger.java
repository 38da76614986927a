package org.switchboard.caseapi.ai.analysis;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.InboundMessageProcessed;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.StartVariables;

/**
 * Every inbound message that joined an open case is analysed as it arrives: one InboundMessageAnalysis instance
 * per message. The analysis runs behind the process's first save point, so the message's own processing never
 * waits for a provider. A start that fails is retried by {@link MessageAnalysisSweep}: a message that may say
 * "he has a gun" must not go unanalysed because a database connection dropped at the wrong moment.
 */
@Component
public class MessageAnalysisTrigger {

  private static final Logger log = LoggerFactory.getLogger(MessageAnalysisTrigger.class);

  private final CaseRepository cases;
  private final MessageAnalysisProcess process;
  private final TransactionTemplate transaction;
  private final JdbcClient jdbc;
  private final Clock clock;

  public MessageAnalysisTrigger(CaseRepository cases, MessageAnalysisProcess process,
      TransactionTemplate transaction, JdbcClient jdbc, Clock clock) {
    this.cases = cases;
    this.process = process;
    this.transaction = transaction;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @EventListener
  public void on(InboundMessageProcessed event) {
    if (event.caseId() == null) {
      return;
    }
    try {
      startFor(event.messageId(), event.caseId());
    } catch (RuntimeException e) {
      // The message is safely on its case and MessageAnalysisSweep starts the analysis again. Ids only in the log.
      log.error("Analysis of message {} of case {} could not be started ({}); it will be retried", event.messageId(),
          event.caseId(), e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Starts the message's analysis once: the message row is locked and stamped ({@code analysis_at}) in the same
   * transaction as the process start, so a redelivered event or a sweep on another node never starts a second one,
   * and a start that fails leaves the stamp empty for the sweep to retry.
   *
   * @return true when this call started it
   */
  public boolean startFor(String messageId, String caseId) {
    return Boolean.TRUE.equals(transaction.execute(status -> {
      List<Map<String, Object>> row = jdbc.sql("SELECT analysis_at FROM message WHERE id = :m FOR UPDATE")
          .param("m", messageId).query().listOfRows();
      if (row.isEmpty() || row.get(0).get("analysis_at") != null) {
        return false;
      }
      Optional<CaseRecord> open = cases.findById(caseId).filter(CaseRecord::open);
      open.ifPresent(c -> process.start(c, messageId, facts(c, messageId)));
      jdbc.sql("UPDATE message SET analysis_at = :now WHERE id = :m").param("m", messageId)
          .param("now", ts(clock.instant())).update();
      return open.isPresent();
    }));
  }

  private Map<String, Object> facts(CaseRecord c, String messageId) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(StartVariables.MESSAGE_ID, messageId);
    facts.put(StartVariables.CASE_ID, c.id());
    facts.put(StartVariables.SECTOR, c.sector() == null ? "generic" : c.sector());
    facts.put(StartVariables.CATEGORY, process.intakeCategory(c).orElse("general"));
    facts.put(StartVariables.PRIORITY, c.priority() == null ? "NORMAL" : c.priority().name());
    facts.put(StartVariables.CURRENT_RISK_LEVEL, c.riskLevel() == null ? "LOW" : c.riskLevel().name());
    facts.put(StartVariables.CURRENT_RISK_SCORE, c.riskScore() == null ? 0 : c.riskScore());
    return facts;
  }
}
