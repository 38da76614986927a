package org.switchboard.workers.ai.offline.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one normalisation every offline provider shares, so that a lexicon phrase and a message meet in the same form:
 * case folding, accents removed, apostrophes dropped ({@code I'm} and {@code Im} are the same word), common
 * contractions and chat spellings expanded ({@code can't} → {@code can not}, {@code gonna} → {@code going to},
 * {@code xq} → {@code porque}), and runs of a repeated letter squeezed to one ({@code pleeease}, {@code kill} and
 * {@code kil} meet as {@code plese}, {@code kil}). Squeezing also merges a few real words ({@code pero}/{@code perro});
 * for matching risk phrases that costs less than missing elongated chat spellings.
 *
 * <p>Every token keeps the span of the original text it came from, so results point into the text as the person
 * wrote it. Expanded tokens share the span of the word they came from. Tokens carry a clause number that grows at
 * sentence and clause punctuation, which bounds negation scope.
 */
public final class TextTokens {

  /**
   * @param norm normalised form (folded, expanded, squeezed)
   * @param start char offset in the original text
   * @param end char offset in the original text, exclusive
   * @param clause clause number (grows at {@code . , ; : ! ?}, new lines and dashes)
   * @param shouted the original word was written in capitals (two letters or more)
   */
  public record Token(String norm, int start, int end, int clause, boolean shouted) {
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private static final Map<String, String[]> EXPANSIONS = Map.ofEntries(
      // English contractions, written with or without the apostrophe (apostrophes are dropped before lookup)
      Map.entry("im", words("i am")), Map.entry("ive", words("i have")), Map.entry("youre", words("you are")),
      Map.entry("hes", words("he is")), Map.entry("shes", words("she is")), Map.entry("thats", words("that is")),
      Map.entry("theres", words("there is")), Map.entry("theyre", words("they are")),
      Map.entry("dont", words("do not")), Map.entry("doesnt", words("does not")), Map.entry("didnt", words("did not")),
      Map.entry("cant", words("can not")), Map.entry("cannot", words("can not")),
      Map.entry("couldnt", words("could not")), Map.entry("wont", words("will not")),
      Map.entry("wouldnt", words("would not")), Map.entry("shouldnt", words("should not")),
      Map.entry("isnt", words("is not")), Map.entry("arent", words("are not")), Map.entry("wasnt", words("was not")),
      Map.entry("werent", words("were not")), Map.entry("havent", words("have not")),
      Map.entry("hasnt", words("has not")), Map.entry("hadnt", words("had not")), Map.entry("aint", words("is not")),
      // "he'll" and "he'd" lose their apostrophe as "hell"/"hed": risk phrases are about what he will do
      Map.entry("hell", words("he will")), Map.entry("shell", words("she will")),
      Map.entry("theyll", words("they will")), Map.entry("youll", words("you will")),
      Map.entry("hed", words("he would")), Map.entry("theyd", words("they would")),
      Map.entry("gonna", words("going to")), Map.entry("wanna", words("want to")), Map.entry("gotta", words("got to")),
      Map.entry("imma", words("i am going to")), Map.entry("ima", words("i am going to")),
      Map.entry("kms", words("kill myself")), Map.entry("kys", words("kill yourself")),
      Map.entry("unalive", words("kill")), Map.entry("u", words("you")), Map.entry("ur", words("your")),
      Map.entry("pls", words("please")), Map.entry("plz", words("please")), Map.entry("cuz", words("because")),
      Map.entry("coz", words("because")), Map.entry("bc", words("because")), Map.entry("idk", words("i do not know")),
      Map.entry("bf", words("boyfriend")), Map.entry("gf", words("girlfriend")), Map.entry("rn", words("right now")),
      Map.entry("thx", words("thanks")), Map.entry("ppl", words("people")), Map.entry("n", words("and")),
      // Spanish chat spellings
      Map.entry("q", words("que")), Map.entry("k", words("que")), Map.entry("ke", words("que")),
      Map.entry("xq", words("porque")), Map.entry("pq", words("porque")), Map.entry("porq", words("porque")),
      Map.entry("tb", words("tambien")), Map.entry("tmb", words("tambien")), Map.entry("d", words("de")), Map.entry("xfa", words("por favor")), Map.entry("porfa", words("por favor")),
      Map.entry("nd", words("nada")), Map.entry("sta", words("esta")));

  private TextTokens() {
  }

  private static String[] words(String s) {
    return s.split(" ");
  }

  /** Lower case, accents and apostrophes removed; nothing expanded or squeezed. */
  public static String fold(String s) {
    if (isPlainAscii(s)) {
      StringBuilder out = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          out.append((char) (c + 32));
        } else if (c != '\'' && c != '`') {
          out.append(c);
        }
      }
      return out.toString();
    }
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
    String stripped = MARKS.matcher(decomposed).replaceAll("");
    StringBuilder out = new StringBuilder(stripped.length());
    String lower = stripped.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (isApostrophe(c)) {
        continue;
      }
      if (c == 'ß') {
        out.append("ss");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** Squeezes runs of one repeated letter to a single letter; digits stay as they are. */
  public static String squeeze(String s) {
    StringBuilder out = new StringBuilder(s.length());
    char previous = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == previous && Character.isLetter(c)) {
        continue;
      }
      out.append(c);
      previous = c;
    }
    return out.toString();
  }

  /** The normalised form of one word as the tokenizer would produce it (first word of an expansion excluded). */
  public static String normWord(String word) {
    return squeeze(fold(word));
  }

  /** The normalised word sequence of a phrase, for building lexicons and models in the same form as text. */
  public static List<String> normWords(String phrase) {
    List<String> out = new ArrayList<>();
    for (Token t : tokenize(phrase)) {
      out.add(t.norm());
    }
    return out;
  }

  public static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return tokens;
    }
    int clause = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (isWordChar(cp)) {
        int start = i;
        int j = i + Character.charCount(cp);
        while (j < n) {
          int c = text.codePointAt(j);
          if (isWordChar(c)) {
            j += Character.charCount(c);
          } else if (isApostrophe((char) c) && j + 1 < n && isWordChar(text.codePointAt(j + 1))) {
            j += 1;
          } else {
            break;
          }
        }
        addWord(tokens, text, start, j, clause);
        i = j;
      } else {
        if (isClauseBreak(text, i)) {
          clause++;
        }
        i += Character.charCount(cp);
      }
    }
    return tokens;
  }

  private static void addWord(List<Token> tokens, String text, int start, int end, int clause) {
    String original = text.substring(start, end);
    String folded = fold(original);
    if (folded.isEmpty()) {
      return;
    }
    boolean shouted = isShouted(original);
    String[] expansion = EXPANSIONS.get(folded);
    if (expansion == null) {
      expansion = EXPANSIONS.get(squeeze(folded));
    }
    if (expansion != null) {
      for (String w : expansion) {
        tokens.add(new Token(squeeze(w), start, end, clause, shouted));
      }
      return;
    }
    tokens.add(new Token(squeeze(folded), start, end, clause, shouted));
  }

  private static boolean isShouted(String original) {
    int letters = 0;
    for (int k = 0; k < original.length(); k++) {
      char c = original.charAt(k);
      if (Character.isLetter(c)) {
        if (!Character.isUpperCase(c)) {
          return false;
        }
        letters++;
      }
    }
    return letters >= 2;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '’' || c == 'ʼ' || c == '`' || c == '´';
  }

  private static boolean isClauseBreak(String text, int i) {
    char c = text.charAt(i);
    switch (c) {
      case '.', '!', '?', ';', ':', ',', '\n', '¡', '¿', '(', ')', '—', '–':
        return true;
      case '-':
        return i > 0 && i + 1 < text.length() && text.charAt(i - 1) == ' ' && text.charAt(i + 1) == ' ';
      default:
        return false;
    }
  }
}
