package org.switchboard.caseapi.ai.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.config.QuotaPeriod;
import org.switchboard.workers.ai.AiService;

/**
 * Usage per tenant, service and period ({@code ai_usage}). {@link #reserve} counts a request only while the
 * quota allows it, in one conditional UPDATE, so concurrent callers on several nodes cannot overrun the quota.
 */
@Component
public class UsageMeter {

  private final JdbcClient jdbc;
  private final Clock clock;

  public UsageMeter(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Requests, provider calls and cache hits of the current period, and when it ends. */
  public record Usage(long requests, long providerCalls, long cacheHits, LocalDate periodStart, Instant resetsAt) {
  }

  /**
   * Counts one request. Returns false (and counts nothing) when {@code limit} requests were already counted in the
   * current period; {@code limit} null means unlimited.
   */
  public boolean reserve(String tenantId, AiService service, Integer limit, QuotaPeriod period) {
    LocalDate start = period.start(clock.instant());
    ensureRow(tenantId, service, start);
    String sql = limit == null
        ? "UPDATE ai_usage SET requests = requests + 1 WHERE tenant_id = :t AND service = :s AND period_start = :p"
        : "UPDATE ai_usage SET requests = requests + 1 WHERE tenant_id = :t AND service = :s AND period_start = :p"
            + " AND requests < :limit";
    var statement = jdbc.sql(sql).param("t", tenantId).param("s", service.name()).param("p", start);
    if (limit != null) {
      statement = statement.param("limit", limit);
    }
    return statement.update() == 1;
  }

  /** After a reserved request was answered: by a provider call or from the cache. */
  public void answered(String tenantId, AiService service, QuotaPeriod period, boolean cacheHit) {
    LocalDate start = period.start(clock.instant());
    ensureRow(tenantId, service, start);
    String column = cacheHit ? "cache_hits" : "provider_calls";
    jdbc.sql("UPDATE ai_usage SET " + column + " = " + column + " + 1"
            + " WHERE tenant_id = :t AND service = :s AND period_start = :p")
        .param("t", tenantId).param("s", service.name()).param("p", start).update();
  }

  public Usage usage(String tenantId, AiService service, QuotaPeriod period) {
    Instant now = clock.instant();
    LocalDate start = period.start(now);
    return jdbc.sql("""
            SELECT requests, provider_calls, cache_hits FROM ai_usage
            WHERE tenant_id = :t AND service = :s AND period_start = :p
            """)
        .param("t", tenantId).param("s", service.name()).param("p", start)
        .query((rs, n) -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3), start, period.resetsAt(now)))
        .optional()
        .orElse(new Usage(0, 0, 0, start, period.resetsAt(now)));
  }

  private void ensureRow(String tenantId, AiService service, LocalDate start) {
    int present = jdbc.sql("SELECT COUNT(*) FROM ai_usage WHERE tenant_id = :t AND service = :s AND period_start = :p")
        .param("t", tenantId).param("s", service.name()).param("p", start).query(Integer.class).single();
    if (present == 0) {
      try {
        jdbc.sql("""
                INSERT INTO ai_usage (tenant_id, service, period_start, requests, provider_calls, cache_hits)
                VALUES (:t, :s, :p, 0, 0, 0)
                """)
            .param("t", tenantId).param("s", service.name()).param("p", start).update();
      } catch (DuplicateKeyException concurrentFirstRequest) {
        // Another request of the period created the row; the UPDATE that follows counts on it.
      }
    }
  }
}
