package org.switchboard.workers.runtime;

/** Where external tasks run: {@code switchboard.workers.mode}. */
public enum WorkerMode {
  /** case-api fetches and works its own engine's external tasks (the default). */
  IN_PROCESS,
  /** A separate worker process fetches them over {@code /engine-rest}; case-api runs none. */
  REMOTE,
  /** Nothing in Switchboard runs them (another system subscribes to the topics). */
  OFF
}
