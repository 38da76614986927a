package org.switchboard.caseapi.webchat;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.security.RateCounters;

/**
 * Session starts per source address, counted for the whole cluster ({@link RateCounters}: one statement per start,
 * the address stored only as a keyed hash), and visitor messages and signals (typing, receipts) per chat session in
 * the memory of the node that holds the session's socket: a session connected to two nodes at once gets two
 * budgets, which costs less than a database write per keystroke signal (docs/channels-webchat.md).
 */
@Component
public class WebChatRateLimits {

  static final String SESSION_STARTS = "webchat-session-start";

  private final ConcurrentMap<String, Bucket> messages = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Bucket> signals = new ConcurrentHashMap<>();
  private final WebChatProperties properties;
  private final RateCounters counters;

  public WebChatRateLimits(WebChatProperties properties, RateCounters counters) {
    this.properties = properties;
    this.counters = counters;
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
    int perMinute = Math.max(1, properties.sessionsPerMinute());
    return counters.take(SESSION_STARTS, String.valueOf(source), perMinute, Duration.ofMinutes(1)).isEmpty();
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
