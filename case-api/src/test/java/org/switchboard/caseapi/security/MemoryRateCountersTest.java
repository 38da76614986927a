package org.switchboard.caseapi.security;

/** The memory store keeps the rules within one node (its "nodes" here are one shared instance). */
class MemoryRateCountersTest extends RateCountersContract {

  private final MemoryRateCounters shared = new MemoryRateCounters(clock);

  @Override
  RateCounters store() {
    return shared;
  }
}
