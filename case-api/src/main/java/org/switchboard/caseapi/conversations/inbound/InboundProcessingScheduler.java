package org.switchboard.caseapi.conversations.inbound;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.ConversationsProperties;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/**
 * Runs {@link InboundProcessor#processDue} every {@code switchboard.conversations.processing.interval}. Several nodes
 * may run it at once: each claims its messages with SKIP LOCKED.
 */
@Component
public class InboundProcessingScheduler extends PeriodicJobScheduler {

  public InboundProcessingScheduler(InboundProcessor processor, ConversationsProperties properties, Clock clock) {
    super("inbound", properties.processing().enabled(), properties.processing().interval(), processor::processDue,
        clock);
  }
}
