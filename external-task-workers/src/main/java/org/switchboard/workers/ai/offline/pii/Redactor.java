package org.switchboard.workers.ai.offline.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;
import org.switchboard.workers.ai.PiiDetector.PiiType;

/**
 * Replaces personal data with typed, numbered placeholders ({@code [PHONE_1]}, {@code [EMAIL_1]}, {@code [CARD_1]})
 * before text leaves for an external provider, and puts the values back into what the provider returns. The same
 * value gets the same placeholder everywhere in the text, so a model can still tell that two mentions are one
 * number. Works with the findings of any {@code PiiDetector}; overlapping findings are merged so nothing is left
 * half visible. The mapping is kept in memory by the caller only; it holds the personal data.
 */
public final class Redactor {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z]+)(?:_(\\d+))?]");

  private Redactor() {
  }

  /**
   * @param text the redacted text
   * @param values placeholder (with brackets) → original value
   */
  public record Redaction(String text, Map<String, String> values) {

    public Redaction {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean redacted() {
      return !values.isEmpty();
    }

    /**
     * Puts the original values back into a provider's answer. A placeholder the provider wrote without its number
     * ({@code [PHONE]}) is restored when there is only one value of that type; unknown placeholders stay as written.
     */
    public String restore(String answer) {
      if (answer == null || values.isEmpty()) {
        return answer;
      }
      Map<String, List<String>> byType = new HashMap<>();
      values.forEach((placeholder, value) -> byType.computeIfAbsent(
          placeholder.substring(1, placeholder.lastIndexOf('_')), k -> new ArrayList<>()).add(value));
      Matcher m = PLACEHOLDER.matcher(answer);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group());
        if (value == null && m.group(2) == null) {
          List<String> ofType = byType.get(m.group(1));
          value = ofType != null && ofType.size() == 1 ? ofType.get(0) : null;
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
      }
      m.appendTail(out);
      return out.toString();
    }
  }

  public static Redaction redact(String text, List<PiiEntity> entities) {
    if (text == null || entities.isEmpty()) {
      return new Redaction(text, Map.of());
    }
    List<PiiEntity> sorted = new ArrayList<>(entities);
    sorted.sort(Comparator.comparingInt(PiiEntity::start).thenComparingInt(e -> -e.end()));
    List<PiiEntity> merged = new ArrayList<>();
    for (PiiEntity e : sorted) {
      if (e.start() < 0 || e.end() > text.length() || e.end() <= e.start()) {
        throw new IllegalArgumentException("entity outside the text: " + e);
      }
      PiiEntity last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && e.start() < last.end()) {
        merged.set(merged.size() - 1,
            new PiiEntity(last.type(), last.start(), Math.max(last.end(), e.end()), last.confidence()));
      } else {
        merged.add(e);
      }
    }
    Map<String, String> placeholderByKey = new HashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiEntity e : merged) {
      out.append(text, at, e.start());
      String value = text.substring(e.start(), e.end());
      String type = label(e.type());
      String placeholder = placeholderByKey.computeIfAbsent(type + '\u0000' + value,
          k -> "[" + type + "_" + counters.merge(type, 1, Integer::sum) + "]");
      values.put(placeholder, value);
      out.append(placeholder);
      at = e.end();
    }
    out.append(text, at, text.length());
    return new Redaction(out.toString(), values);
  }

  static String label(PiiType type) {
    return switch (type) {
      case CARD_NUMBER -> "CARD";
      case NATIONAL_ID -> "ID";
      case IP_ADDRESS -> "IP";
      case PERSON_NAME -> "NAME";
      default -> type.name();
    };
  }
}
