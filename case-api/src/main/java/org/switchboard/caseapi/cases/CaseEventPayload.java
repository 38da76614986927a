package org.switchboard.caseapi.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds outbox payloads: ids and facts only, absent values left out, enums and instants as text. */
public final class CaseEventPayload {

  private CaseEventPayload() {
  }

  /** Alternating names and values. */
  public static Map<String, Object> of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must pair up");
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        payload.put((String) namesAndValues[i],
            value instanceof Enum<?> || value instanceof Instant ? value.toString() : value);
      }
    }
    return payload;
  }
}
