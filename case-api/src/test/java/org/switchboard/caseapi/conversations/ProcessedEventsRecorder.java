package org.switchboard.caseapi.conversations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Collects InboundMessageProcessed events, as the outbound and AI features receive them. */
@Component
public class ProcessedEventsRecorder {

  final List<InboundMessageProcessed> received = Collections.synchronizedList(new ArrayList<>());

  @EventListener
  void on(InboundMessageProcessed event) {
    received.add(event);
  }
}
