package org.switchboard.workers.ai.offline.keywords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.offline.text.TextTokens;

/**
 * A lexicon turned into a word automaton plus a one-edit index for misspellings. Built once per lexicon version;
 * matching a message then costs a pass over its tokens.
 *
 * <p>Misspellings: a message word that is not in the lexicon's vocabulary (four letters or longer, not a function
 * word) is mapped to the vocabulary word one edit away (insertion, deletion, substitution or swap of
 * neighbours), found through a symmetric-deletion index so the look-up costs O(word length) hash probes. A phrase
 * accepts at most one such word and only when the phrase is long enough ({@link #MIN_FUZZY_PHRASE_CHARS}; three
 * words and {@link #MIN_SHORT_FUZZY_PHRASE_CHARS} letters when the misspelt word has four letters), so short phrases
 * never match by accident.
 */
final class CompiledLexicon {

  static final int MIN_FUZZY_WORD = 4;
  static final int MIN_FUZZY_PHRASE_CHARS = 6;
  /** A four-letter word may carry the typo only inside a phrase of three words or more and this many letters. */
  static final int MIN_SHORT_FUZZY_PHRASE_CHARS = 9;

  /** Function words never stand in for a misspelling and never receive one. */
  private static final Set<String> FUNCTION_WORDS = Set.of(
      "about", "after", "again", "going", "would", "could", "should", "there", "their", "where", "which", "while",
      "these", "those", "being", "doing", "having", "other", "because", "before", "still", "never", "every",
      "really", "think", "thing", "things", "anything", "something", "nothing", "right", "estoy", "estas", "esta", "tengo", "tiene", "porque", "cuando", "donde", "quiero",
      "puedo", "puede", "nadie", "nunca", "tambien", "ahora", "mucho", "todos", "todas", "otra", "otro",
      "hacer", "tener", "desde", "hasta", "entre", "sobre", "como", "pero", "para");

  record Pattern(int words, int chars, List<Lexicon.Entry> entries) {
  }

  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final Map<String, int[]> deletions = new HashMap<>();
  private final List<Pattern> patterns = new ArrayList<>();
  private final PhraseAutomaton automaton = new PhraseAutomaton();
  private final String[] reverse;

  CompiledLexicon(Lexicon lexicon) {
    Map<String, Integer> patternByKey = new HashMap<>();
    for (Lexicon.Entry entry : lexicon.entries()) {
      List<String> words = TextTokens.normWords(entry.phrase());
      if (words.isEmpty()) {
        continue;
      }
      String key = String.join(" ", words);
      Integer existing = patternByKey.get(key);
      if (existing != null) {
        patterns.get(existing).entries().add(entry);
        continue;
      }
      int[] ids = new int[words.size()];
      int chars = 0;
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.computeIfAbsent(words.get(i), w -> vocabulary.size());
        chars += words.get(i).length();
      }
      int index = patterns.size();
      List<Lexicon.Entry> entries = new ArrayList<>();
      entries.add(entry);
      patterns.add(new Pattern(ids.length, chars, entries));
      patternByKey.put(key, index);
      automaton.add(ids, index);
    }
    automaton.build();
    reverse = new String[vocabulary.size()];
    vocabulary.forEach((w, i) -> reverse[i] = w);
    Map<String, Set<Integer>> index = new HashMap<>();
    for (Map.Entry<String, Integer> word : vocabulary.entrySet()) {
      if (fuzzyCandidate(word.getKey())) {
        for (String d : deletionsOf(word.getKey())) {
          index.computeIfAbsent(d, k -> new HashSet<>()).add(word.getValue());
        }
      }
    }
    index.forEach((k, v) -> deletions.put(k, v.stream().mapToInt(Integer::intValue).sorted().toArray()));
  }

  PhraseAutomaton automaton() {
    return automaton;
  }

  Pattern pattern(int index) {
    return patterns.get(index);
  }

  int size() {
    return patterns.size();
  }

  /** Exact vocabulary id of a word, or -1. */
  int exact(String word) {
    Integer id = vocabulary.get(word);
    return id == null ? -1 : id;
  }

  /** Vocabulary id one edit away from {@code word}, or -1 (first by id when several qualify). */
  int oneEditAway(String word) {
    if (!fuzzyCandidate(word)) {
      return -1;
    }
    int best = Integer.MAX_VALUE;
    best = consider(best, deletions.get(word), word);
    for (String d : deletionsOf(word)) {
      Integer direct = vocabulary.get(d);
      if (direct != null && fuzzyCandidate(d) && withinOneEdit(word, d)) {
        best = Math.min(best, direct);
      }
      best = consider(best, deletions.get(d), word);
    }
    return best == Integer.MAX_VALUE ? -1 : best;
  }

  private int consider(int best, int[] ids, String word) {
    if (ids == null) {
      return best;
    }
    int result = best;
    for (int id : ids) {
      if (id < result && withinOneEdit(word, wordOf(id))) {
        result = id;
      }
    }
    return result;
  }

  private String wordOf(int id) {
    return reverse[id];
  }

  private static boolean fuzzyCandidate(String word) {
    return word.length() >= MIN_FUZZY_WORD && !FUNCTION_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit);
  }

  private static List<String> deletionsOf(String word) {
    List<String> out = new ArrayList<>(word.length());
    for (int i = 0; i < word.length(); i++) {
      out.add(word.substring(0, i) + word.substring(i + 1));
    }
    return out;
  }

  /** Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
  static boolean withinOneEdit(String a, String b) {
    if (a.equals(b)) {
      return false;
    }
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (a.substring(i + 1).equals(b.substring(i + 1))) {
        return true;
      }
      return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
          && a.substring(i + 2).equals(b.substring(i + 2));
    }
    return la > lb ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
  }
}
