package org.switchboard.caseapi.ai.analysis;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/** Runs {@link MessageAnalysisSweep} every {@code switchboard.ai.analysis-retry-interval} on every node. */
@Component
class MessageAnalysisSweepScheduler extends PeriodicJobScheduler {

  MessageAnalysisSweepScheduler(MessageAnalysisSweep sweep, AiGatewayProperties properties, Clock clock) {
    super("message-analysis-sweep", properties.analysisRetryEnabled(), properties.analysisRetryInterval(),
        sweep::round, clock);
  }
}
