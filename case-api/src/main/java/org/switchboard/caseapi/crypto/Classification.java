package org.switchboard.caseapi.crypto;

import java.util.Locale;
import java.util.Optional;

/** How sensitive a field is; confidential and restricted values are encrypted at rest. */
public enum Classification {
  PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED;

  public boolean encrypted() {
    return this == CONFIDENTIAL || this == RESTRICTED;
  }

  public static Optional<Classification> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
