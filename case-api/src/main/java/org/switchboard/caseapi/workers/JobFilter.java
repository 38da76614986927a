package org.switchboard.caseapi.workers;

import java.util.Set;

/**
 * Which external tasks one round fetches. The background poller takes every task of every tenant on the
 * registered topics; tests narrow a round to their own topics, business keys or tenants so they never pick up
 * another test's tasks.
 *
 * @param topics topics to fetch; empty: every registered topic
 * @param businessKey only tasks of process instances with this business key (a case id), or null
 * @param tenantIds only tasks of these tenants; empty: every tenant
 */
public record JobFilter(Set<String> topics, String businessKey, Set<String> tenantIds) {

  public static final JobFilter ALL = new JobFilter(Set.of(), null, Set.of());

  public JobFilter {
    topics = topics == null ? Set.of() : Set.copyOf(topics);
    tenantIds = tenantIds == null ? Set.of() : Set.copyOf(tenantIds);
  }

  public static JobFilter topics(String... topics) {
    return new JobFilter(Set.of(topics), null, Set.of());
  }

  public static JobFilter businessKey(String businessKey) {
    return new JobFilter(Set.of(), businessKey, Set.of());
  }

  public static JobFilter tenants(String... tenantIds) {
    return new JobFilter(Set.of(), null, Set.of(tenantIds));
  }

  public boolean includes(String topic) {
    return topics.isEmpty() || topics.contains(topic);
  }
}
