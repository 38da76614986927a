package org.switchboard.caseapi.ai.analysis;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;

/**
 * Starts the analysis of inbound messages whose start was lost (the trigger failed, or the node stopped between the
 * message's commit and the start). Looks only at messages of the last {@code switchboard.ai.analysis-retry-window}
 * that are older than a grace period, so it does not race the trigger of a message being processed right now.
 */
@Component
public class MessageAnalysisSweep {

  private static final Logger log = LoggerFactory.getLogger(MessageAnalysisSweep.class);
  static final Duration GRACE = Duration.ofSeconds(30);
  static final int BATCH = 100;

  private final MessageAnalysisTrigger trigger;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration window;

  public MessageAnalysisSweep(MessageAnalysisTrigger trigger, JdbcClient jdbc, Clock clock,
      AiGatewayProperties properties) {
    this.trigger = trigger;
    this.jdbc = jdbc;
    this.clock = clock;
    this.window = properties.analysisRetryWindow();
  }

  /** @return how many analyses this round started */
  public int round() {
    Instant now = clock.instant();
    List<Map<String, Object>> pending = jdbc.sql("""
        SELECT id, case_id FROM message
        WHERE analysis_at IS NULL AND direction = 'INBOUND' AND state = 'PROCESSED' AND case_id IS NOT NULL
          AND created_at >= :since AND created_at < :before
        ORDER BY created_at LIMIT :n""")
        .param("since", ts(now.minus(window))).param("before", ts(now.minus(GRACE)))
        .param("n", BATCH).query().listOfRows();
    int started = 0;
    for (Map<String, Object> m : pending) {
      String messageId = (String) m.get("id");
      try {
        started += trigger.startFor(messageId, (String) m.get("case_id")) ? 1 : 0;
      } catch (RuntimeException e) {
        log.error("Analysis of message {} still cannot be started ({})", messageId, e.getClass().getSimpleName(), e);
      }
    }
    if (started > 0) {
      log.warn("Started {} message analyses whose first start was lost", started);
    }
    return started;
  }
}
