package org.switchboard.caseapi.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the API reports as {@code application/problem+json}. Use the factory methods so every
 * kind of refusal has one status and one title.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final List<FieldError> fieldErrors;

  public ApiException(HttpStatus status, String title, String detail, List<FieldError> fieldErrors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of());
  }

  public static ApiException invalid(List<FieldError> errors) {
    String detail = errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
  }

  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /** One field at fault, named by its JSON path (e.g. {@code customFields.reference}). */
  public record FieldError(String field, String message) {
  }
}
