package org.switchboard.caseapi.channels;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 403 with an empty body for every refused webhook, after the refusal is on the audit trail. */
@RestControllerAdvice(basePackageClasses = WebhookRefusalAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebhookRefusalAdvice {

  private final WebhookAudit audit;
  private final WebhookAbuseGuard abuse;

  public WebhookRefusalAdvice(WebhookAudit audit, WebhookAbuseGuard abuse) {
    this.audit = audit;
    this.abuse = abuse;
  }

  @ExceptionHandler(WebhookRefusal.class)
  ResponseEntity<Void> refused(WebhookRefusal refusal, HttpServletRequest request) {
    audit.refused(refusal, request);
    abuse.refused(request);
    return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
  }
}
