package org.switchboard.caseapi.ai.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.InboundMessageProcessed;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis.StartVariables;

/**
 * Every inbound message that joined an open case is analysed as it arrives: one InboundMessageAnalysis instance
 * per message. The analysis runs behind the process's first save point, so the message's own processing never
 * waits for a provider.
 */
@Component
public class MessageAnalysisTrigger {

  private static final Logger log = LoggerFactory.getLogger(MessageAnalysisTrigger.class);

  private final CaseRepository cases;
  private final MessageAnalysisProcess process;
  private final TransactionTemplate transaction;

  public MessageAnalysisTrigger(CaseRepository cases, MessageAnalysisProcess process,
      TransactionTemplate transaction) {
    this.cases = cases;
    this.process = process;
    this.transaction = transaction;
  }

  @EventListener
  public void on(InboundMessageProcessed event) {
    if (event.caseId() == null) {
      return;
    }
    try {
      transaction.executeWithoutResult(status -> cases.findById(event.caseId())
          .filter(CaseRecord::open)
          .ifPresent(c -> process.start(c, event.messageId(), facts(c, event.messageId()))));
    } catch (RuntimeException e) {
      // The message is safely on its case either way; the agent reads it. Ids only in the log.
      log.error("Analysis of message {} of case {} could not be started ({})", event.messageId(), event.caseId(),
          e.getClass().getSimpleName(), e);
    }
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
