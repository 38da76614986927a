package org.switchboard.caseapi.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;

/**
 * The fields that differ between two versions of a case, for the change log. Free-text fields are
 * named without their values: the log is shown widely and kept long, the text is not.
 */
public final class CaseDiff {

  private static final List<Field> FIELDS = List.of(
      shown("title", CaseRecord::title),
      masked("description", CaseRecord::description),
      shown("status", CaseRecord::status),
      shown("priority", CaseRecord::priority),
      shown("riskLevel", CaseRecord::riskLevel),
      shown("riskScore", CaseRecord::riskScore),
      shown("team", CaseRecord::team),
      shown("assignee", CaseRecord::assignee),
      shown("firstResponseDueAt", CaseRecord::firstResponseDueAt),
      shown("resolutionDueAt", CaseRecord::resolutionDueAt),
      shown("slaBreached", CaseRecord::slaBreached),
      shown("escalated", CaseRecord::escalated),
      shown("closureReason", CaseRecord::closureReason),
      shown("outcome", CaseRecord::outcome),
      shown("feedbackScore", CaseRecord::feedbackScore),
      shown("closedAt", CaseRecord::closedAt),
      shown("deletedAt", CaseRecord::deletedAt));

  private CaseDiff() {
  }

  /** Changed fields in a fixed order; custom fields are compared by the caller, key by key. */
  public static List<FieldChange> between(CaseRecord before, CaseRecord after) {
    List<FieldChange> changes = new ArrayList<>();
    for (Field field : FIELDS) {
      Object from = field.value.apply(before);
      Object to = field.value.apply(after);
      if (!Objects.equals(from, to)) {
        changes.add(field.masked
            ? new FieldChange(field.name, null, null)
            : new FieldChange(field.name, text(from), text(to)));
      }
    }
    return changes;
  }

  private static Object text(Object value) {
    return value instanceof Enum<?> || value instanceof java.time.Instant ? value.toString() : value;
  }

  private static Field shown(String name, Function<CaseRecord, Object> value) {
    return new Field(name, value, false);
  }

  private static Field masked(String name, Function<CaseRecord, Object> value) {
    return new Field(name, value, true);
  }

  private record Field(String name, Function<CaseRecord, Object> value, boolean masked) {
  }
}
