package org.switchboard.caseapi.security;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.crypto.Pseudonymizer;
import org.switchboard.caseapi.support.SwitchboardTest;

/**
 * The counting rules on PostgreSQL, with the application's key hashing: each {@link #store()} is another "node"
 * over the shared database, and concurrent hits from both lose nothing (ON CONFLICT DO UPDATE).
 */
@SwitchboardTest
class JdbcRateCountersPostgresTest extends RateCountersContract {

  @Autowired
  DataSource dataSource;
  @Autowired
  Pseudonymizer pseudonymizer;

  @Override
  RateCounters store() {
    return new JdbcRateCounters(dataSource, pseudonymizer, clock);
  }
}
