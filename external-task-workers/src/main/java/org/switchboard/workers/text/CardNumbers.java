package org.switchboard.workers.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds payment card numbers (PANs) in free text: 13 to 19 digits, written together or in groups
 * separated by single spaces or dashes, passing the Luhn check. Groups are taken whole, so a card number
 * followed by an expiry ("4111 1111 1111 1111 12/27") or preceded by another number is still found.
 * About one in ten other digit strings of that length passes Luhn too (long phone or account numbers):
 * those are tokenised (and redacted) as well, the safe side of the error. Shared by the card vault and the PII
 * detector, so both find exactly the same numbers. Digits glued to letters and the parts of a
 * UUID are identifiers, not card numbers, and stay as they are: note bodies quote case ids.
 */
public final class CardNumbers {

  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;
  private static final Pattern DIGIT_GROUPS = Pattern.compile(
      "(?<![0-9A-Za-z])[0-9]+(?:[ -][0-9]+)*(?![0-9A-Za-z])");
  private static final Pattern UUID = Pattern.compile(
      "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  private static final Pattern GROUP = Pattern.compile("[0-9]+");

  private CardNumbers() {
  }

  /** A card number's place in the text ({@code end} exclusive) and its digits. */
  public record Found(int start, int end, String digits) {
  }

  public static List<Found> find(String text) {
    List<Found> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    List<int[]> uuids = new ArrayList<>();
    Matcher uuid = UUID.matcher(text);
    while (uuid.find()) {
      uuids.add(new int[] {uuid.start(), uuid.end()});
    }
    Matcher run = DIGIT_GROUPS.matcher(text);
    while (run.find()) {
      if (insideAny(uuids, run.start(), run.end())) {
        continue;
      }
      List<int[]> groups = new ArrayList<>();
      Matcher g = GROUP.matcher(text).region(run.start(), run.end());
      while (g.find()) {
        groups.add(new int[] {g.start(), g.end()});
      }
      int i = 0;
      while (i < groups.size()) {
        StringBuilder digits = new StringBuilder();
        int longest = -1;
        String longestDigits = null;
        for (int j = i; j < groups.size(); j++) {
          digits.append(text, groups.get(j)[0], groups.get(j)[1]);
          if (digits.length() > MAX_DIGITS) {
            break;
          }
          if (digits.length() >= MIN_DIGITS && luhn(digits)) {
            longest = j;
            longestDigits = digits.toString();
          }
        }
        if (longest >= 0) {
          found.add(new Found(groups.get(i)[0], groups.get(longest)[1], longestDigits));
          i = longest + 1;
        } else {
          i++;
        }
      }
    }
    return found;
  }

  private static boolean insideAny(List<int[]> ranges, int start, int end) {
    for (int[] range : ranges) {
      if (start < range[1] && end > range[0]) {
        return true;
      }
    }
    return false;
  }

  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int k = digits.length() - 1; k >= 0; k--) {
      int d = digits.charAt(k) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
