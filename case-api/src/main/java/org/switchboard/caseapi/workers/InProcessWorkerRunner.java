package org.switchboard.caseapi.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.switchboard.workers.runtime.TopicWorker;
import org.switchboard.workers.runtime.WorkerInvoker;
import org.switchboard.workers.runtime.WorkerMode;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/**
 * Runs every {@link TopicWorker} bean against this node's engine ({@code switchboard.workers.mode: in-process}, the
 * default). A poller thread fetches and locks tasks of all tenants, works them on a small pool and fetches again at
 * once while there is work; when a fetch comes back empty it waits {@code poll-interval}, doubling up to
 * {@code max-poll-interval}. Tests switch the thread off ({@code background-polling: false}) and call
 * {@link #runOnce(JobFilter)}, which works the fetched tasks on the caller's thread.
 */
@Component
public class InProcessWorkerRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InProcessWorkerRunner.class);

  private final Map<String, TopicWorker> workers = new ConcurrentHashMap<>();
  private final ExternalTaskQueue queue;
  private final WorkerRuntimeProperties properties;
  private final WorkerInvoker invoker;
  private final String workerId;
  private final Object idle = new Object();
  private volatile boolean running;
  private Thread poller;
  private ExecutorService pool;

  public InProcessWorkerRunner(List<TopicWorker> beans, ExternalTaskQueue queue,
      WorkerRuntimeProperties properties) {
    this.queue = queue;
    this.properties = properties;
    this.invoker = new WorkerInvoker(properties.retryPolicy());
    this.workerId = properties.effectiveWorkerId("in-process");
    beans.forEach(this::add);
  }

  /**
   * Adds a worker at runtime (plugins, tests); closing the registration removes it again.
   *
   * @throws IllegalStateException when the topic already has a worker
   */
  public AutoCloseable register(TopicWorker worker) {
    add(worker);
    return () -> workers.remove(worker.topic(), worker);
  }

  public String workerId() {
    return workerId;
  }

  /** One round over every registered topic of every tenant, on the caller's thread; returns the jobs handled. */
  public int runOnce() {
    return runOnce(JobFilter.ALL);
  }

  /** One round narrowed by {@code filter}, on the caller's thread; returns the jobs handled. */
  public int runOnce(JobFilter filter) {
    return round(filter, Runnable::run);
  }

  private int round(JobFilter filter, Executor executor) {
    Map<String, Duration> lockDurations = new LinkedHashMap<>();
    workers.values().stream().filter(w -> filter.includes(w.topic()))
        .forEach(w -> lockDurations.put(w.topic(), w.lockDuration()));
    if (lockDurations.isEmpty()) {
      return 0;
    }
    List<LockedJob> jobs = queue.fetchAndLock(workerId, properties.maxTasks(), lockDurations, filter);
    List<CompletableFuture<Void>> futures = new ArrayList<>(jobs.size());
    for (LockedJob job : jobs) {
      futures.add(CompletableFuture.runAsync(() -> execute(job), executor));
    }
    futures.forEach(CompletableFuture::join);
    return jobs.size();
  }

  private void execute(LockedJob locked) {
    TopicWorker worker = workers.get(locked.job().topic());
    if (worker == null) {
      // Unregistered since the fetch: the lock runs out and another worker takes the task.
      return;
    }
    try {
      invoker.run(worker, locked.job(), locked.retries(), locked.retryPolicy(),
          queue.reportFor(locked, workerId));
    } catch (RuntimeException e) {
      // Reporting failed (lock lost to another worker, task gone, database away): the engine keeps the task
      // and hands it out again when the lock expires; the send ledger keeps a repeated send from happening.
      log.warn("Could not report external task {} on {}: {}", locked.job().id(), locked.job().topic(),
          e.getClass().getName());
    }
  }

  private void add(TopicWorker worker) {
    TopicWorker previous = workers.putIfAbsent(worker.topic(), worker);
    if (previous != null && previous != worker) {
      throw new IllegalStateException("two workers for topic " + worker.topic() + ": "
          + previous.getClass().getName() + " and " + worker.getClass().getName());
    }
  }

  @Override
  public synchronized void start() {
    if (properties.mode() != WorkerMode.IN_PROCESS) {
      log.info("External tasks are not run in this process (switchboard.workers.mode: {})", properties.mode());
      return;
    }
    if (!properties.backgroundPolling()) {
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    pool = Executors.newFixedThreadPool(properties.concurrency(), r -> {
      Thread thread = new Thread(r, "external-task-worker-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    running = true;
    poller = new Thread(this::poll, "external-task-poller");
    poller.setDaemon(true);
    poller.start();
    log.info("In-process external-task runner started as {} for topics {}", workerId, workers.keySet());
  }

  private void poll() {
    Duration wait = properties.pollInterval();
    while (running) {
      int handled;
      try {
        handled = round(JobFilter.ALL, pool);
      } catch (RuntimeException e) {
        log.warn("External-task fetch failed; retrying after {}", wait, e);
        handled = 0;
      }
      if (handled > 0) {
        wait = properties.pollInterval();
        continue;
      }
      synchronized (idle) {
        if (!running) {
          break;
        }
        try {
          idle.wait(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      wait = min(wait.multipliedBy(2), properties.maxPollInterval());
    }
  }

  @Override
  public synchronized void stop() {
    if (poller == null) {
      return;
    }
    running = false;
    synchronized (idle) {
      idle.notifyAll();
    }
    try {
      // The poller finishes its round: jobs in hand are reported, not abandoned to their lock's expiry.
      poller.join(TimeUnit.SECONDS.toMillis(30));
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poller = null;
    pool = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
