package org.switchboard.caseapi.ai;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;
import org.switchboard.workers.ai.offline.risk.RiskModel;

/**
 * Compiles the shipped lexicons and trains the risk model on a background thread once the application is ready,
 * so the first message of the day does not wait seconds for them (the bot's first answer would). Off with
 * {@code switchboard.ai.warm-up=false}.
 */
@Component
class OfflineAiWarmUp {

  private static final Logger log = LoggerFactory.getLogger(OfflineAiWarmUp.class);

  private final boolean enabled;

  OfflineAiWarmUp(AiGatewayProperties properties) {
    this.enabled = properties.warmUp();
  }

  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (!enabled) {
      return;
    }
    Thread thread = new Thread(() -> {
      long started = System.nanoTime();
      try {
        LexiconKeywordDetector detector = new LexiconKeywordDetector();
        for (String sector : DefaultLexicons.SECTORS) {
          detector.prepare(DefaultLexicons.forSector(sector));
        }
        detector.prepare(DefaultLexicons.all());
        detector.prepare(DefaultLexicons.safety());
        RiskModel.shipped();
        log.info("Offline AI lexicons and risk model ready in {} ms", (System.nanoTime() - started) / 1_000_000);
      } catch (RuntimeException e) {
        // Nothing is lost: the first call compiles what it needs.
        log.warn("Warming up the offline AI failed ({}); the first calls will compile instead",
            e.getClass().getSimpleName(), e);
      }
    }, "offline-ai-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }
}
