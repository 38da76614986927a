package org.switchboard.workers.ai;

/**
 * A provider of one AI service. Offline providers run in the JVM with no credentials; cloud providers call an
 * HTTP or gRPC API whose base URL is configurable. A provider that cannot run says so through
 * {@link #availability()}; it is never faked.
 */
public interface AiProvider {

  /** Stable id used in configuration, e.g. {@code offline-lexicon}, {@code openai}, {@code deepl}, {@code dialogflow-es}. */
  String id();

  /** Model or algorithm version; part of the cache key and of the audit record of every result. */
  String version();

  /** True when the provider sends text outside this process (PII is then redacted first when the tenant says so). */
  boolean external();

  Availability availability();

  record Availability(boolean available, String reason) {
    public static Availability ok() {
      return new Availability(true, null);
    }

    public static Availability unavailable(String reason) {
      return new Availability(false, reason);
    }
  }
}
