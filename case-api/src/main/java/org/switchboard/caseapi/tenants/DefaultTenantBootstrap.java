package org.switchboard.caseapi.tenants;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the default tenant so that a fresh installation can take cases without any set-up. */
@Component
@Order(1)
public class DefaultTenantBootstrap implements ApplicationRunner {

  private final TenantDirectory tenants;

  public DefaultTenantBootstrap(TenantDirectory tenants) {
    this.tenants = tenants;
  }

  @Override
  public void run(ApplicationArguments args) {
    tenants.ensure(TenantDirectory.DEFAULT_TENANT, "Default organisation", "generic");
  }
}
