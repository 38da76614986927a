package org.switchboard.workers.runtime;

/**
 * Error texts for Cockpit. Exception messages can carry personal data (a provider echoing a phone number, a
 * parser quoting its input), so incident details name exception types and stack frames only.
 */
public final class FailureReports {

  /** Camunda stores at most 666 characters; short messages read better in Cockpit's incident list anyway. */
  public static final int MAX_MESSAGE_LENGTH = 300;
  private static final int MAX_FRAMES = 25;

  private FailureReports() {
  }

  /** A one-line message of at most {@link #MAX_MESSAGE_LENGTH} characters. */
  public static String message(String message) {
    if (message == null || message.isBlank()) {
      return "failed";
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
  }

  /** Exception types and frames of the cause chain, without exception messages. */
  public static String details(Throwable error) {
    if (error == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    Throwable current = error;
    int depth = 0;
    while (current != null && depth < 10) {
      out.append(depth == 0 ? "" : "Caused by: ").append(current.getClass().getName()).append('\n');
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > MAX_FRAMES) {
        out.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
      }
      current = current.getCause() == current ? null : current.getCause();
      depth++;
    }
    return out.toString();
  }
}
