package org.switchboard.caseapi.tenants;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations using Switchboard. Each is a Camunda tenant (engine-side isolation) plus a row of
 * Switchboard configuration (sector, settings).
 */
@Component
public class TenantDirectory {

  /** Tenant that exists on every installation, so a fresh start can take cases at once. */
  public static final String DEFAULT_TENANT = "default";

  private final JdbcClient jdbc;
  private final IdentityService identityService;
  private final Clock clock;

  public TenantDirectory(JdbcClient jdbc, IdentityService identityService, Clock clock) {
    this.jdbc = jdbc;
    this.identityService = identityService;
    this.clock = clock;
  }

  @Transactional
  public TenantConfig ensure(String id, String name, String sector) {
    if (identityService.createTenantQuery().tenantId(id).count() == 0) {
      Tenant tenant = identityService.newTenant(id);
      tenant.setName(name);
      identityService.saveTenant(tenant);
    }
    return find(id).orElseGet(() -> {
      jdbc.sql("INSERT INTO tenant (id, name, sector, settings, created_at) VALUES (:id, :name, :sector, NULL, :at)")
          .param("id", id).param("name", name).param("sector", sector).param("at", ts(clock.instant()))
          .update();
      return new TenantConfig(id, name, sector, null);
    });
  }

  public Optional<TenantConfig> find(String id) {
    return jdbc.sql("SELECT id, name, sector, settings FROM tenant WHERE id = :id").param("id", id)
        .query(TenantConfig.class).optional();
  }

  public List<TenantConfig> all() {
    return jdbc.sql("SELECT id, name, sector, settings FROM tenant ORDER BY id").query(TenantConfig.class).list();
  }

  /** Switchboard's settings of one tenant; {@code settings} is JSON. */
  public record TenantConfig(String id, String name, String sector, String settings) {
  }
}
