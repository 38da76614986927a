package org.switchboard.caseapi.ai.web;

import java.util.List;
import org.switchboard.caseapi.ai.AiOutcome;
import org.switchboard.caseapi.ai.config.AiServiceIds;

/**
 * An AI answer as the API returns it: always marked {@code aiGenerated}, with the provider and version that
 * produced it and the id of its audit record.
 */
public record AiResponse<T>(
    boolean aiGenerated,
    String resultId,
    String service,
    String provider,
    String providerVersion,
    boolean cacheHit,
    boolean fallbackUsed,
    boolean redacted,
    List<AiOutcome.Attempt> skipped,
    T result) {

  public static <T> AiResponse<T> of(AiOutcome<T> outcome) {
    return new AiResponse<>(true, outcome.resultId(), AiServiceIds.idOf(outcome.service()), outcome.providerId(),
        outcome.providerVersion(), outcome.cacheHit(), outcome.fallbackUsed(), outcome.redacted(), outcome.attempts(),
        outcome.value());
  }
}
