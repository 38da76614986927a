package org.switchboard.caseapi.crypto;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Stored data that fails authentication is an integrity incident, not a client error: 500 with a clear
 * problem type, logged with the location (never the value).
 */
@RestControllerAdvice(basePackages = "org.switchboard.caseapi")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DecryptionFailureAdvice {

  static final URI TYPE = URI.create("https://switchboard.dev/problems/integrity");
  private static final Logger log = LoggerFactory.getLogger(DecryptionFailureAdvice.class);

  @ExceptionHandler(DecryptionFailedException.class)
  ResponseEntity<ProblemDetail> handle(DecryptionFailedException ex) {
    log.error("Integrity check of stored data failed: {}", ex.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Stored data failed its integrity check and cannot be shown");
    problem.setType(TYPE);
    problem.setTitle("Stored data integrity failure");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
  }
}
