package org.switchboard.caseapi.cases;

public enum Priority {
  LOW, NORMAL, HIGH, URGENT;

  /** One step up, used when an SLA is breached; URGENT stays URGENT. */
  public Priority raised() {
    return this == URGENT ? URGENT : values()[ordinal() + 1];
  }
}
