package org.switchboard.caseapi.ai.providers;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;
import org.switchboard.workers.ai.AiUnavailableException;

/**
 * Runs provider calls on a bounded pool with a deadline each. A call that times out is interrupted and
 * reported as {@link AiUnavailableException}, like a provider that said it is down; a full pool refuses at once.
 */
@Component
public class AiExecutor implements DisposableBean {

  private final ThreadPoolExecutor pool;

  public AiExecutor(AiGatewayProperties properties) {
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(1, properties.executorThreads());
    pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, properties.executorQueue())), r -> {
          Thread t = new Thread(r, "ai-provider-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  public <T> T call(Callable<T> task, Duration timeout) {
    Future<T> future;
    try {
      future = pool.submit(task);
    } catch (RejectedExecutionException e) {
      throw new AiUnavailableException("the AI call queue is full");
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AiUnavailableException("no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new AiUnavailableException("interrupted while waiting for the provider");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AiUnavailableException unavailable) {
        throw unavailable;
      }
      // A provider bug is a failure of that provider: the chain falls back. Its message may quote the input,
      // so only the type travels on.
      throw new AiUnavailableException("provider failed: " + cause.getClass().getSimpleName(), cause);
    }
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
