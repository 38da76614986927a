package org.switchboard.caseapi.conversations.outbound.templates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{variable}}} placeholders of template and canned-response bodies. */
public final class TemplateText {

  /** Variable names: letters, digits, underscore and dots, starting with a letter. */
  public static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.]{0,63})\\s*}}");

  private TemplateText() {
  }

  /** The body's variables in order of first appearance. */
  public static List<String> variables(String body) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(body);
    while (m.find()) {
      names.add(m.group(1));
    }
    return List.copyOf(names);
  }

  /** The body with every variable replaced; {@code missing} names those without a value (left as they were). */
  public static Rendered render(String body, Map<String, String> values) {
    Map<String, String> given = values == null ? Map.of() : values;
    List<String> missing = new ArrayList<>();
    Matcher m = VARIABLE.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = given.get(m.group(1));
      if (value == null) {
        if (!missing.contains(m.group(1))) {
          missing.add(m.group(1));
        }
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
    }
    m.appendTail(out);
    return new Rendered(out.toString(), List.copyOf(missing));
  }

  public record Rendered(String text, List<String> missing) {

    public boolean complete() {
      return missing.isEmpty();
    }
  }
}
