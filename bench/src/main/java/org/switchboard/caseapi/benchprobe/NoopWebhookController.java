package org.switchboard.caseapi.benchprobe;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the webhook ingress benchmark: a POST on the same stack (Tomcat, the security filter chain that
 * lets /webhooks/** through, Spring MVC) that does nothing. It is not part of the application: the benchmark starts
 * the application jar with this directory on {@code loader.path}, so component scanning of
 * {@code org.switchboard.caseapi} picks it up in that run only.
 */
@RestController
public class NoopWebhookController {

  @PostMapping("/webhooks/bench-noop")
  public ResponseEntity<Void> noop() {
    return ResponseEntity.ok().build();
  }
}
