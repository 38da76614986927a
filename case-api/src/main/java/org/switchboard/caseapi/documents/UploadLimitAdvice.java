package org.switchboard.caseapi.documents;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.web.ApiException;

/**
 * The servlet container refuses an oversized multipart body before any controller is chosen, so no
 * package-scoped advice sees it. This one is global (it only handles that exception) and answers like
 * {@link UploadPolicy}: 413 problem+json naming {@code file} for document uploads.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UploadLimitAdvice {

  private final SwitchboardProperties properties;

  public UploadLimitAdvice(SwitchboardProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
    ApiException refusal = UploadPolicy.tooLarge(properties.files().maxSize());
    boolean documentUpload = request.getRequestURI().matches(".*/api/v1/cases/[^/]+/documents(/[^/]+/versions)?/?");
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), documentUpload
        ? refusal.getMessage()
        : "The request is larger than the limit of " + UploadPolicy.describe(properties.files().maxSize()));
    problem.setTitle(refusal.title());
    if (documentUpload) {
      problem.setType(URI.create("https://switchboard.dev/problems/validation"));
      problem.setProperty("errors", refusal.fieldErrors());
    }
    return ResponseEntity.status(refusal.status()).body(problem);
  }
}
