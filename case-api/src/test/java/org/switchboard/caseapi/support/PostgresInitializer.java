package org.switchboard.caseapi.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at the test PostgreSQL. */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
        "spring.datasource.url=" + PostgresTestDatabase.url(),
        "spring.datasource.username=" + PostgresTestDatabase.user(),
        "spring.datasource.password=" + PostgresTestDatabase.password(),
        "spring.datasource.hikari.maximum-pool-size=20"
    ).applyTo(context.getEnvironment());
  }
}
