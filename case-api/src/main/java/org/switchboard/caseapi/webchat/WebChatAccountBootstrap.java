package org.switchboard.caseapi.webchat;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.tenants.TenantDirectory;

/**
 * Gives the default tenant a web chat account (address {@value #DEFAULT_ADDRESS}) on first start, so a newcomer
 * opens {@code /chat} and talks to their own Tasklist without configuring anything or any third party.
 * Switched off with {@code switchboard.webchat.default-account=false}; an existing account is never changed.
 */
@Component
public class WebChatAccountBootstrap {

  public static final String DEFAULT_ADDRESS = "default";
  private static final Logger log = LoggerFactory.getLogger(WebChatAccountBootstrap.class);

  private final JdbcClient jdbc;
  private final WebChatProperties properties;
  private final Clock clock;

  public WebChatAccountBootstrap(JdbcClient jdbc, WebChatProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ensureDefaultAccount() {
    if (!properties.defaultAccount()) {
      return;
    }
    boolean present = jdbc.sql("SELECT COUNT(*) FROM channel_account WHERE channel = 'WEBCHAT' AND address = :a")
        .param("a", DEFAULT_ADDRESS).query(Integer.class).single() > 0;
    if (present) {
      return;
    }
    Instant now = clock.instant();
    try {
      jdbc.sql("""
          INSERT INTO channel_account (id, tenant_id, channel, provider, address, case_type, settings, secret_refs,
            enabled, created_at, updated_at)
          VALUES (:id, :t, 'WEBCHAT', :p, :a, NULL, :s, '{}', TRUE, :now, :now)
          """)
          .param("id", UUID.randomUUID().toString()).param("t", TenantDirectory.DEFAULT_TENANT)
          .param("p", WebChatSender.PROVIDER).param("a", DEFAULT_ADDRESS)
          .param("s", "{\"title\":\"Chat\",\"prechat.nickname\":\"optional\"}").param("now", ts(now))
          .update();
      log.info("Created the default tenant's web chat account: open /chat to try it");
    } catch (DuplicateKeyException anotherNode) {
      // Another node created it first.
    }
  }
}
