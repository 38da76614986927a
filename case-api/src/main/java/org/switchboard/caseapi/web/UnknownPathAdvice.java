package org.switchboard.caseapi.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests that match no controller never reach the package-scoped {@link ProblemDetailsAdvice}; without
 * this they would get Boot's own error JSON. Global, but it handles only these two exceptions.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class UnknownPathAdvice {

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> unknownPath(NoResourceFoundException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "There is no endpoint at /" + ex.getResourcePath());
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
        ex.getMethod() + " is not supported here; supported: " + ex.getSupportedHttpMethods());
    problem.setTitle("Method not allowed");
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(problem);
  }
}
