package org.switchboard.caseapi.ai.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiOutcome;
import org.switchboard.caseapi.ai.config.AiServiceIds;

/** Refusals of the AI endpoints as problem+json: disabled 409, quota 429 (with quota and reset), unavailable 503. */
@Component
public class AiProblems {

  public static final URI DISABLED = URI.create("https://switchboard.dev/problems/ai-service-disabled");
  public static final URI QUOTA = URI.create("https://switchboard.dev/problems/ai-quota-exceeded");
  public static final URI UNAVAILABLE = URI.create("https://switchboard.dev/problems/ai-service-unavailable");

  private final Clock clock;

  public AiProblems(Clock clock) {
    this.clock = clock;
  }

  public ResponseEntity<ProblemDetail> refusal(AiOutcome<?> outcome) {
    String service = AiServiceIds.idOf(outcome.service());
    ProblemDetail problem;
    HttpHeaders headers = new HttpHeaders();
    switch (outcome.status()) {
      case DISABLED -> {
        problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
            "The AI service '" + service + "' is switched off for this organisation");
        problem.setTitle("AI service disabled");
        problem.setType(DISABLED);
      }
      case QUOTA_EXCEEDED -> {
        AiOutcome.QuotaState q = outcome.quota();
        problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
            "The quota of " + q.limit() + " requests per " + q.period().toLowerCase() + " for '" + service
                + "' is used up; it resets at " + q.resetsAt());
        problem.setTitle("AI quota exceeded");
        problem.setType(QUOTA);
        problem.setProperty("quota", q);
        long seconds = Math.max(1, Duration.between(clock.instant(), q.resetsAt()).toSeconds());
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      }
      case UNAVAILABLE -> {
        problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
            "No provider of '" + service + "' could answer");
        problem.setTitle("AI service unavailable");
        problem.setType(UNAVAILABLE);
        problem.setProperty("attempts", outcome.attempts());
      }
      default -> throw new IllegalArgumentException("Not a refusal: " + outcome.status());
    }
    problem.setProperty("service", service);
    problem.setProperty("outcome", outcome.status().name());
    problem.setProperty("resultId", outcome.resultId());
    return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
  }
}
