package org.switchboard.caseapi.webchat;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Budgets of one node: visitor messages and signals (typing, receipts) per chat session, session starts per
 * source address. A session connected to two nodes at once gets two budgets; that is the price of keeping them
 * in memory (docs/channels-webchat.md).
 */
@Component
public class WebChatRateLimits {

  private static final int MAX_SOURCES = 100_000;

  private final ConcurrentMap<String, Bucket> messages = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Bucket> signals = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Bucket> starts = new ConcurrentHashMap<>();
  private final WebChatProperties properties;

  public WebChatRateLimits(WebChatProperties properties) {
    this.properties = properties;
  }

  public boolean message(String chatSessionId) {
    return messages.computeIfAbsent(chatSessionId,
        k -> bucket(properties.burst(), properties.messagesPerMinute())).tryConsume(1);
  }

  public boolean signal(String chatSessionId) {
    return signals.computeIfAbsent(chatSessionId,
        k -> bucket(properties.burst() * 4L, properties.messagesPerMinute() * 4L)).tryConsume(1);
  }

  public boolean start(String source) {
    if (starts.size() > MAX_SOURCES) {
      // A flood of distinct addresses must not grow memory without bound; the buckets refill within a minute.
      starts.clear();
    }
    int perMinute = properties.sessionsPerMinute();
    return starts.computeIfAbsent(String.valueOf(source), k -> bucket(perMinute, perMinute)).tryConsume(1);
  }

  void forget(String chatSessionId) {
    messages.remove(chatSessionId);
    signals.remove(chatSessionId);
  }

  private static Bucket bucket(long capacity, long perMinute) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(Math.max(1, capacity)).refillGreedy(Math.max(1, perMinute),
            Duration.ofMinutes(1)))
        .build();
  }
}
