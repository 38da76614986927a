package org.switchboard.workers.ai;

/** Severity of a risk finding; CRITICAL means imminent danger and escalates the case. */
public enum Severity {
  LOW, MEDIUM, HIGH, CRITICAL
}
