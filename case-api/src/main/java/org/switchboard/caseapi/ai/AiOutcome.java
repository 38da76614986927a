package org.switchboard.caseapi.ai;

import java.time.Instant;
import java.util.List;
import org.switchboard.workers.ai.AiService;

/**
 * What the gateway answered. Callers model every status: a disabled service, an exhausted quota or a chain
 * with no provider that could answer are normal outcomes (processes take their path without AI), not errors.
 *
 * @param value the provider's result; null unless {@link Status#OK}
 * @param resultId the audit record of this call ({@code ai_result.id})
 * @param attempts providers skipped or failed before the answer (or before giving up), in chain order
 * @param quota set when the quota was exceeded
 */
public record AiOutcome<R>(
    Status status,
    AiService service,
    R value,
    String resultId,
    String providerId,
    String providerVersion,
    boolean cacheHit,
    boolean fallbackUsed,
    boolean redacted,
    List<Attempt> attempts,
    QuotaState quota) {

  public AiOutcome {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  public enum Status {
    OK, DISABLED, QUOTA_EXCEEDED, UNAVAILABLE
  }

  /** One provider the gateway could not use, and why (never the text it was given). */
  public record Attempt(String providerId, String reason) {
  }

  /** The quota that refused the call: at most {@code limit} requests per {@code period}, counted again from {@code resetsAt}. */
  public record QuotaState(int limit, String period, long used, Instant resetsAt) {
  }

  public boolean ok() {
    return status == Status.OK;
  }

  /** Only a provider's answer is AI-generated; refusals are the gateway's. */
  public boolean aiGenerated() {
    return ok();
  }
}
