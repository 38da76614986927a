package org.switchboard.caseapi.conversations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.conversations.*} (docs/conversations.md).
 *
 * @param defaultRegion ISO 3166 region used to read phone numbers written without a country code
 * @param reopenClosedCases a message for a closed case reopens it while its reopen window is open; when false
 *     (or the window has elapsed) it starts a new case
 * @param defaultCaseType case type of cases started from messages on an account that names none
 * @param accountCacheTtl how long a node trusts its cached channel accounts (webhooks look them up per request)
 */
@ConfigurationProperties("switchboard.conversations")
public record ConversationsProperties(
    @DefaultValue("GB") String defaultRegion,
    @DefaultValue("true") boolean reopenClosedCases,
    @DefaultValue("general-enquiry") String defaultCaseType,
    @DefaultValue("30s") Duration accountCacheTtl,
    @DefaultValue Processing processing) {

  /**
   * The asynchronous processing of received messages.
   *
   * @param enabled runs the scheduler (tests call {@code InboundProcessor.processDue()} themselves)
   * @param interval pause between rounds when nothing is due
   * @param batchSize messages claimed per round
   * @param threads messages of a round processed at once (each holds a database connection while it runs)
   * @param lease how long a claimed message is left to its node before another node may take it over
   * @param initialBackoff first retry delay; doubles per attempt up to {@code maxBackoff}
   * @param maxAttempts failed attempts (errors, not waiting for the case process) before a message is marked
   *     FAILED for an operator to look at; waiting for the process never fails a message
   */
  public record Processing(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("500ms") Duration interval,
      @DefaultValue("50") int batchSize,
      @DefaultValue("4") int threads,
      @DefaultValue("2m") Duration lease,
      @DefaultValue("5s") Duration initialBackoff,
      @DefaultValue("5m") Duration maxBackoff,
      @DefaultValue("20") int maxAttempts) {
  }
}
