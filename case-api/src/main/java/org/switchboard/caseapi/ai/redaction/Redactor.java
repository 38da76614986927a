package org.switchboard.caseapi.ai.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;

/**
 * Replaces personal data in text by numbered placeholders ({@code [EMAIL_1]}, {@code [PHONE_2]}) for one AI call,
 * and puts the values back into the provider's answer where that makes sense (summaries, translations). The same
 * value gets the same placeholder in every piece of text of the call, so a summary of several messages stays
 * coherent. Offsets the provider reports on the redacted text map back to the original with {@link #originalOffset}.
 */
public final class Redactor {

  /** Leaves text as it is: redaction is off, or the provider runs in this process. */
  public static final Redactor NONE = new Redactor(null);

  private final BiFunction<String, String, List<PiiEntity>> detector;
  private final Map<String, String> placeholderByValue = new HashMap<>();
  private final Map<String, String> valueByPlaceholder = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final List<int[]> lastSegments = new ArrayList<>();
  private int found;

  /** @param detector (text, region) → entities */
  public Redactor(BiFunction<String, String, List<PiiEntity>> detector) {
    this.detector = detector;
  }

  public boolean active() {
    return detector != null;
  }

  /** How many personal data values were replaced in this call. */
  public int found() {
    return found;
  }

  public synchronized String apply(String text, String region) {
    lastSegments.clear();
    if (detector == null || text == null || text.isEmpty()) {
      return text;
    }
    List<PiiEntity> entities = new ArrayList<>(detector.apply(text, region));
    entities.sort(Comparator.comparingInt(PiiEntity::start).thenComparing(e -> -e.end()));
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiEntity e : entities) {
      if (e.start() < at || e.end() > text.length() || e.end() <= e.start()) {
        continue; // overlaps one already replaced
      }
      out.append(text, at, e.start());
      String value = text.substring(e.start(), e.end());
      String placeholder = placeholderByValue.computeIfAbsent(value, v -> {
        int n = counters.merge(e.type().name(), 1, Integer::sum);
        String p = "[" + e.type().name() + "_" + n + "]";
        valueByPlaceholder.put(p, v);
        return p;
      });
      // {redactedStart, redactedEnd, originalStart, originalEnd}
      lastSegments.add(new int[] {out.length(), out.length() + placeholder.length(), e.start(), e.end()});
      out.append(placeholder);
      at = e.end();
      found++;
    }
    out.append(text.substring(at));
    return out.toString();
  }

  /** The answer with the placeholders the provider kept replaced by the original values. */
  public synchronized String restore(String text) {
    if (detector == null || text == null || valueByPlaceholder.isEmpty()) {
      return text;
    }
    String restored = text;
    for (Map.Entry<String, String> e : valueByPlaceholder.entrySet()) {
      restored = restored.replace(e.getKey(), e.getValue());
    }
    return restored;
  }

  /** An offset in the text last given to {@link #apply}'s result, mapped to the original text. */
  public synchronized int originalOffset(int redactedOffset) {
    int shift = 0;
    for (int[] s : lastSegments) {
      if (redactedOffset < s[0]) {
        break;
      }
      if (redactedOffset < s[1]) {
        return s[2]; // inside a placeholder: the start of the value it stands for
      }
      shift = s[3] - s[1];
    }
    return redactedOffset + shift;
  }
}
