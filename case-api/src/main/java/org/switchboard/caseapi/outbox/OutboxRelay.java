package org.switchboard.caseapi.outbox;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.config.SwitchboardProperties;

/**
 * Delivers committed outbox rows, oldest first, at least once.
 *
 * <p>Each round runs in one transaction that claims a batch with {@code FOR UPDATE SKIP LOCKED}, so
 * several nodes relay side by side without sending a row twice at the same time. A row is marked
 * published only after the destination acknowledged it; a crash in between republishes it (consumers
 * dedupe on the event id).
 *
 * <p>Order per case: an event is sent only when every earlier unpublished event of its case is in the
 * same batch and was acknowledged first. So a case whose earlier event is held by another node, or
 * failed, waits; its later events are never overtaken.
 */
@Component
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int MAX_ERROR_LENGTH = 500;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final OutboxPublisher publisher;
  private final Clock clock;
  private final int batchSize;
  private final Duration ackTimeout;
  private volatile boolean failing;

  public OutboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, OutboxPublisher publisher,
      Clock clock, SwitchboardProperties properties) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.publisher = publisher;
    this.clock = clock;
    this.batchSize = properties.kafka().batchSize();
    // The producer gives up after the send timeout itself; the margin only guards against a hung client.
    this.ackTimeout = properties.kafka().sendTimeout().plusSeconds(5);
  }

  /**
   * Relays batch after batch until the backlog is drained, nothing moves any more, or the destination is
   * unavailable; returns the number of events delivered. A case whose event failed is left alone until
   * the next call, so each call tries a failing event once.
   */
  public int relayPending() {
    Set<String> failedAggregates = new HashSet<>();
    int delivered = 0;
    while (true) {
      Round round = transactions.execute(status -> relayBatch(failedAggregates));
      delivered += round.delivered();
      reportHealth(round);
      if (round.claimed() < batchSize || round.delivered() == 0 || round.unavailable()) {
        return delivered;
      }
    }
  }

  private Round relayBatch(Set<String> failedAggregates) {
    List<PendingEvent> claimed = claim();
    if (claimed.isEmpty()) {
      return new Round(0, 0, 0, null, false);
    }
    List<Deque<PendingEvent>> queues = sendableQueuesPerAggregate(claimed, failedAggregates);
    List<String> published = new ArrayList<>();
    int failed = 0;
    Throwable firstError = null;
    boolean unavailable = false;
    // Waves: the next event of a case is sent only after the previous one was acknowledged, while
    // different cases are in flight together.
    while (!queues.isEmpty() && !unavailable) {
      List<InFlight> wave = new ArrayList<>();
      for (Deque<PendingEvent> queue : queues) {
        CompletableFuture<Void> ack = send(queue.peekFirst());
        wave.add(new InFlight(queue, ack));
        if (ack.isCompletedExceptionally() && cause(ack) instanceof OutboxPublisher.UnavailableException) {
          break; // e.g. no broker metadata: every further send would block as long and fail the same way
        }
      }
      for (InFlight inFlight : wave) {
        PendingEvent event = inFlight.queue().removeFirst();
        Throwable error = await(inFlight.ack());
        if (error == null) {
          published.add(event.id());
        } else {
          recordFailure(event, error);
          failedAggregates.add(event.aggregateId());
          failed++;
          firstError = firstError == null ? error : firstError;
          unavailable |= error instanceof OutboxPublisher.UnavailableException;
          inFlight.queue().clear(); // later events of this case wait for this one
        }
      }
      queues.removeIf(Deque::isEmpty);
    }
    markPublished(published);
    return new Round(claimed.size(), published.size(), failed, firstError, unavailable);
  }

  private List<PendingEvent> claim() {
    // PostgreSQL locks exactly the returned rows and skips rows other nodes hold. H2 (the single-node
    // embedded default) accepts the same SQL but locks every row the WHERE matches when ORDER BY and
    // LIMIT are present; harmless there, as one node relays and writers only insert.
    return jdbc.sql("""
            SELECT id, event_type, tenant_id, aggregate_type, aggregate_id, occurred_at, payload, seq
            FROM outbox_event
            WHERE published_at IS NULL
            ORDER BY seq
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
        .param("limit", batchSize)
        .query((rs, n) -> new PendingEvent(rs.getString("id"), rs.getString("event_type"), rs.getString("tenant_id"),
            rs.getString("aggregate_type"), rs.getString("aggregate_id"), instant(rs, "occurred_at"),
            rs.getString("payload"), rs.getLong("seq")))
        .list();
  }

  /**
   * Per aggregate, the claimed events that may be sent now: the unbroken run from the aggregate's oldest
   * unpublished event. An older event outside this batch (held by another node, or written by a
   * transaction that committed late) blocks the rest of that aggregate until a later round, and so does
   * an earlier failure in this call.
   */
  private List<Deque<PendingEvent>> sendableQueuesPerAggregate(List<PendingEvent> claimed,
      Set<String> failedAggregates) {
    Map<Long, PendingEvent> bySeq = new LinkedHashMap<>();
    Set<String> aggregates = new HashSet<>();
    long maxSeq = Long.MIN_VALUE;
    for (PendingEvent event : claimed) {
      bySeq.put(event.seq(), event);
      aggregates.add(event.aggregateId());
      maxSeq = Math.max(maxSeq, event.seq());
    }
    List<AggregateSeq> waiting = jdbc.sql("""
            SELECT aggregate_id, seq FROM outbox_event
            WHERE published_at IS NULL AND aggregate_id IN (:aggregates) AND seq <= :maxSeq
            ORDER BY seq
            """)
        .param("aggregates", aggregates)
        .param("maxSeq", maxSeq)
        .query((rs, n) -> new AggregateSeq(rs.getString("aggregate_id"), rs.getLong("seq")))
        .list();
    Map<String, Deque<PendingEvent>> queues = new LinkedHashMap<>();
    Set<String> blocked = new HashSet<>(failedAggregates);
    for (AggregateSeq row : waiting) {
      if (blocked.contains(row.aggregateId())) {
        continue;
      }
      PendingEvent mine = bySeq.get(row.seq());
      if (mine == null) {
        blocked.add(row.aggregateId());
      } else {
        queues.computeIfAbsent(row.aggregateId(), id -> new ArrayDeque<>()).add(mine);
      }
    }
    blocked.forEach(queues::remove);
    return new ArrayList<>(queues.values());
  }

  private CompletableFuture<Void> send(PendingEvent event) {
    try {
      return publisher.publish(event);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Throwable await(CompletableFuture<Void> ack) {
    try {
      ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return unwrap(e.getCause());
    } catch (TimeoutException e) {
      return new OutboxPublisher.UnavailableException("No acknowledgement within " + ackTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new OutboxPublisher.UnavailableException("Interrupted while waiting for the acknowledgement", e);
    }
  }

  private static Throwable cause(CompletableFuture<Void> failed) {
    try {
      failed.getNow(null);
      return null;
    } catch (CompletionException e) {
      return unwrap(e.getCause());
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private void markPublished(List<String> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("UPDATE outbox_event SET published_at = :now WHERE id IN (:ids)")
          .param("now", ts(clock.instant()))
          .param("ids", ids)
          .update();
    }
  }

  private void recordFailure(PendingEvent event, Throwable error) {
    jdbc.sql("UPDATE outbox_event SET attempts = attempts + 1, last_error = :error WHERE id = :id")
        .param("error", describe(error))
        .param("id", event.id())
        .update();
  }

  static String describe(Throwable error) {
    String text = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    if (text.length() <= MAX_ERROR_LENGTH) {
      return text;
    }
    int end = MAX_ERROR_LENGTH - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** Logs when delivery starts failing and when it recovers, not once per round. */
  private void reportHealth(Round round) {
    if (round.failed() > 0 && !failing) {
      failing = true;
      log.warn("Outbox relay cannot deliver events ({}); they stay in outbox_event and are retried every round",
          describe(round.firstError()));
    } else if (round.failed() == 0 && round.delivered() > 0 && failing) {
      failing = false;
      log.info("Outbox relay delivers events again");
    }
  }

  private record Round(int claimed, int delivered, int failed, Throwable firstError, boolean unavailable) {
  }

  private record InFlight(Deque<PendingEvent> queue, CompletableFuture<Void> ack) {
  }

  private record AggregateSeq(String aggregateId, long seq) {
  }
}
