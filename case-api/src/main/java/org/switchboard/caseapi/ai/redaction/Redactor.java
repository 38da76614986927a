package org.switchboard.caseapi.ai.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;
import org.switchboard.workers.ai.PiiDetector.PiiType;

/**
 * Replaces personal data in text by numbered placeholders ({@code [EMAIL_1]}, {@code [PHONE_2]}) for one AI call,
 * and puts the values back into the provider's answer where that makes sense (summaries, translations). The same
 * value gets the same placeholder in every piece of text of the call, so a summary of several messages stays
 * coherent. Offsets the provider reports on the redacted text map back to the original with {@link #originalOffset}.
 * Overlapping findings are merged, so nothing is left half visible. The one redactor of the platform: every text
 * that leaves for an external AI provider goes through it ({@code AiCalls}).
 */
public final class Redactor {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z]+)(?:_(\\d+))?]");

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
    List<PiiEntity> entities = merged(text, detector.apply(text, region));
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiEntity e : entities) {
      out.append(text, at, e.start());
      String value = text.substring(e.start(), e.end());
      String placeholder = placeholderByValue.computeIfAbsent(value, v -> {
        String type = label(e.type());
        String p = "[" + type + "_" + counters.merge(type, 1, Integer::sum) + "]";
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

  /**
   * The answer with the placeholders the provider kept replaced by the original values. A placeholder written
   * without its number ({@code [PHONE]}) is restored when the call had one value of that type; placeholders the
   * call never made stay as written.
   */
  public synchronized String restore(String text) {
    if (detector == null || text == null || valueByPlaceholder.isEmpty()) {
      return text;
    }
    Map<String, List<String>> byType = new HashMap<>();
    valueByPlaceholder.forEach((placeholder, value) -> byType.computeIfAbsent(
        placeholder.substring(1, placeholder.lastIndexOf('_')), k -> new ArrayList<>()).add(value));
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = valueByPlaceholder.get(m.group());
      if (value == null && m.group(2) == null) {
        List<String> ofType = byType.get(m.group(1));
        value = ofType != null && ofType.size() == 1 ? ofType.get(0) : null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Findings sorted by position, overlapping ones merged into one span (the first one's type): a detector that
   * reports a phone number inside a card number must not leave the card's tail visible.
   */
  static List<PiiEntity> merged(String text, List<PiiEntity> entities) {
    List<PiiEntity> sorted = new ArrayList<>();
    for (PiiEntity e : entities) {
      if (e.start() >= 0 && e.end() <= text.length() && e.end() > e.start()) {
        sorted.add(e);
      }
    }
    sorted.sort(Comparator.comparingInt(PiiEntity::start).thenComparingInt(e -> -e.end()));
    List<PiiEntity> merged = new ArrayList<>();
    for (PiiEntity e : sorted) {
      PiiEntity last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && e.start() < last.end()) {
        merged.set(merged.size() - 1,
            new PiiEntity(last.type(), last.start(), Math.max(last.end(), e.end()), last.confidence()));
      } else {
        merged.add(e);
      }
    }
    return merged;
  }

  /** Short placeholder names ({@code [CARD_1]}, {@code [ID_1]}): what a reader of the redacted text sees. */
  static String label(PiiType type) {
    return switch (type) {
      case CARD_NUMBER -> "CARD";
      case NATIONAL_ID -> "ID";
      case IP_ADDRESS -> "IP";
      case PERSON_NAME -> "NAME";
      default -> type.name();
    };
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
