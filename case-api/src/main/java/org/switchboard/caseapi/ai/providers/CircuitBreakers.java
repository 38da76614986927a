package org.switchboard.caseapi.ai.providers;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;
import org.switchboard.workers.ai.AiService;

/**
 * One circuit per tenant, service and provider: it opens after {@code failureThreshold} consecutive failures,
 * refuses calls for {@code coolDown}, then lets one trial call through (half-open); a success closes it, a
 * failure opens it again. Kept in memory: each node learns on its own, and a restart starts closed.
 */
@Component
public class CircuitBreakers {

  public enum State {
    CLOSED, OPEN, HALF_OPEN
  }

  private final Clock clock;
  private final int threshold;
  private final java.time.Duration coolDown;
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

  public CircuitBreakers(Clock clock, AiGatewayProperties properties) {
    this.clock = clock;
    this.threshold = Math.max(1, properties.circuit().failureThreshold());
    this.coolDown = properties.circuit().coolDown();
  }

  /** True when a call may go to the provider now (closed, or the single trial of a half-open circuit). */
  public boolean tryAcquire(String tenantId, AiService service, String providerId) {
    return circuit(tenantId, service, providerId).tryAcquire(clock.instant());
  }

  public void success(String tenantId, AiService service, String providerId) {
    circuit(tenantId, service, providerId).success();
  }

  public void failure(String tenantId, AiService service, String providerId) {
    circuit(tenantId, service, providerId).failure(clock.instant());
  }

  public State state(String tenantId, AiService service, String providerId) {
    Circuit c = circuits.get(key(tenantId, service, providerId));
    return c == null ? State.CLOSED : c.state(clock.instant());
  }

  private Circuit circuit(String tenantId, AiService service, String providerId) {
    return circuits.computeIfAbsent(key(tenantId, service, providerId), k -> new Circuit());
  }

  private static String key(String tenantId, AiService service, String providerId) {
    return tenantId + '\u0000' + service + '\u0000' + providerId;
  }

  private final class Circuit {
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    synchronized boolean tryAcquire(Instant now) {
      if (openedAt == null) {
        return true;
      }
      if (now.isBefore(openedAt.plus(coolDown)) || trialInFlight) {
        return false;
      }
      trialInFlight = true;
      return true;
    }

    synchronized void success() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    }

    synchronized void failure(Instant now) {
      failures++;
      if (trialInFlight || failures >= threshold) {
        openedAt = now;
        trialInFlight = false;
      }
    }

    synchronized State state(Instant now) {
      if (openedAt == null) {
        return State.CLOSED;
      }
      return now.isBefore(openedAt.plus(coolDown)) ? State.OPEN : State.HALF_OPEN;
    }
  }
}
