package org.switchboard.workers.ai.offline.keywords;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands a lexicon phrase written with word classes into the plain phrases the automaton matches, so one line
 * covers the ways people say one thing ({@code @wield [a|the]? @weapon} → {@code has a gun}, {@code pulled out a
 * knife}, ...) and matching stays one linear pass. Syntax, words separated by spaces:
 * <ul>
 *   <li>{@code @name}: any alternative of the class {@code name} (defined by a {@code @name<TAB>a|b|c} line);</li>
 *   <li>{@code [a|b c|d]}: inline alternatives, each one or more words (may contain {@code @name});</li>
 *   <li>a trailing {@code ?} on a class or a group makes it optional (at either end of a pattern it is dropped: a
 *   match may start and end anywhere, so it would add nothing). On a plain word it is just punctuation, so a
 *   tenant's {@code are you there?} stays a phrase.</li>
 * </ul>
 * Expansion is bounded ({@link #MAX_EXPANSIONS} per line) so a careless line fails at load time instead of
 * building a huge automaton.
 */
final class PhrasePatterns {

  static final int MAX_EXPANSIONS = 20_000;

  private PhrasePatterns() {
  }

  static boolean isPattern(String phrase) {
    return phrase.indexOf('@') >= 0 || phrase.indexOf('[') >= 0;
  }

  static List<String> expand(String phrase, Map<String, List<String>> classes) {
    List<String> out = new ArrayList<>();
    out.add("");
    List<String> elements = elements(phrase);
    // Matches are contiguous and may start and end anywhere in a message, so an optional element at either end
    // adds nothing to what matches: it only reads better. Dropping it keeps the automaton small.
    int from = 0;
    int to = elements.size();
    while (from < to && optional(elements.get(from))) {
      from++;
    }
    while (to > from && optional(elements.get(to - 1))) {
      to--;
    }
    if (from == to) {
      throw new IllegalArgumentException("pattern has no required element: " + phrase);
    }
    for (String element : elements.subList(from, to)) {
      boolean optional = optional(element);
      String body = optional ? element.substring(0, element.length() - 1) : element;
      List<String> alternatives = alternatives(body, classes);
      List<String> next = new ArrayList<>();
      for (String prefix : out) {
        if (optional) {
          next.add(prefix);
        }
        for (String alternative : alternatives) {
          next.add(prefix.isEmpty() ? alternative : prefix + " " + alternative);
        }
      }
      if (next.size() > MAX_EXPANSIONS) {
        throw new IllegalArgumentException("pattern expands to more than " + MAX_EXPANSIONS + " phrases: " + phrase);
      }
      out = next;
    }
    return out.stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
  }

  private static boolean optional(String element) {
    return element.length() > 1 && (element.endsWith("]?") || element.startsWith("@") && element.endsWith("?"));
  }

  private static List<String> alternatives(String body, Map<String, List<String>> classes) {
    if (body.startsWith("@")) {
      List<String> members = classes.get(body.substring(1));
      if (members == null) {
        throw new IllegalArgumentException("unknown word class " + body);
      }
      return expandAll(members, classes);
    }
    if (body.startsWith("[") && body.endsWith("]")) {
      return expandAll(List.of(body.substring(1, body.length() - 1).split("\\|")), classes);
    }
    return List.of(body);
  }

  private static List<String> expandAll(List<String> members, Map<String, List<String>> classes) {
    List<String> out = new ArrayList<>();
    for (String member : members) {
      String m = member.strip();
      out.addAll(isPattern(m) ? expand(m, classes) : List.of(m));
    }
    return out;
  }

  /** Splits on spaces outside brackets. */
  private static List<String> elements(String phrase) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (char c : phrase.strip().toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == ' ' && depth == 0) {
        if (!current.isEmpty()) {
          out.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced brackets in " + phrase);
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }
}
