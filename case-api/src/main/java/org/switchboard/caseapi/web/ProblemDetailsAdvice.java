package org.switchboard.caseapi.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every refusal into {@code application/problem+json}. Validation problems carry an
 * {@code errors} array naming each field at fault, so a client can point at the input to fix.
 */
@RestControllerAdvice(basePackages = "org.switchboard.caseapi")
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  static final URI TYPE_VALIDATION = URI.create("https://switchboard.dev/problems/validation");

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> handleApi(ApiException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    problem.setTitle(ex.title());
    if (!ex.fieldErrors().isEmpty()) {
      problem.setType(TYPE_VALIDATION);
      problem.setProperty("errors", ex.fieldErrors());
    }
    return ResponseEntity.status(ex.status()).body(problem);
  }

  /** Two writers on one case: the loser retries with fresh data rather than overwriting. */
  @ExceptionHandler(OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> handleEngineConflict(OptimisticLockingException ex) {
    return handleApi(ApiException.conflict("The case changed concurrently; reload and try again"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
    return handleApi(ApiException.invalid(ex.getName(), "has an invalid value '" + ex.getValue() + "'"));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<ApiException.FieldError> errors = new ArrayList<>();
    ex.getBindingResult().getFieldErrors()
        .forEach(e -> errors.add(new ApiException.FieldError(e.getField(), e.getDefaultMessage())));
    ex.getBindingResult().getGlobalErrors()
        .forEach(e -> errors.add(new ApiException.FieldError(e.getObjectName(), e.getDefaultMessage())));
    return asObject(handleApi(ApiException.invalid(errors)));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<ApiException.FieldError> errors = new ArrayList<>();
    ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(e -> errors.add(
        new ApiException.FieldError(r.getMethodParameter().getParameterName(), e.getDefaultMessage()))));
    return asObject(handleApi(ApiException.invalid(errors)));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return asObject(handleApi(ApiException.invalid(path(unknown), "is not a known field")));
    }
    if (cause instanceof InvalidFormatException format) {
      return asObject(handleApi(ApiException.invalid(path(format), "has an invalid value '" + format.getValue() + "'")));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return asObject(handleApi(ApiException.invalid(path(mismatch), "has the wrong type")));
    }
    return asObject(handleApi(ApiException.invalid("body", "is not valid JSON")));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
    log.error("Unexpected error", ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "An unexpected error occurred; it has been logged");
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  private static String path(MismatchedInputException ex) {
    StringBuilder path = new StringBuilder();
    ex.getPath().forEach(ref -> {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    });
    return path.isEmpty() ? "body" : path.toString();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
    return (ResponseEntity) response;
  }
}
