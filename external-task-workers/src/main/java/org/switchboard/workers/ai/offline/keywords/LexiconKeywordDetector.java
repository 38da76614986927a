package org.switchboard.workers.ai.offline.keywords;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.workers.ai.KeywordDetector;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.text.TextTokens;
import org.switchboard.workers.ai.offline.text.TextTokens.Token;

/**
 * Offline risk-phrase detection ({@code offline-lexicon}). One pass of a word-level Aho–Corasick automaton over
 * the normalised tokens of a message (see {@link TextTokens} for the normalisation and {@link CompiledLexicon} for
 * misspellings), then a negation check per match.
 *
 * <p>Negation: a match is negated when an odd number of negation cues ({@code not, no, never, without, nunca,
 * jamás, tampoco, sin, ni}) stand in the {@link #NEGATION_WINDOW} words before it, in the same clause and not
 * behind a scope boundary ({@code but, if, because, and, pero, si, porque, que, y}...); once one cue is found, a
 * second one up to {@link #DOUBLE_NEGATION_WINDOW} words back cancels it ({@code it's not that I'm not scared},
 * {@code I never said I'm not going to hurt myself}). A cue does not count when a
 * verb that reverses it follows before the phrase ({@code can't stop thinking about killing myself},
 * {@code no puedo dejar de pensar en matarme}), in fixed expressions ({@code not only}, {@code no doubt}), for
 * {@code never ... so} ({@code I've never been so scared}), and for an English {@code no} opening a clause before a
 * pronoun ({@code no he has a gun}). Phrases that contain their own negation ({@code can't take it anymore},
 * {@code no quiero vivir}) are lexicon entries and match as they are: only the words before a phrase can negate it.
 *
 * <p>A subject that negates ({@code nobody is threatening me}, {@code nadie me amenaza}) counts as a cue only right
 * before the phrase (at most one word between), so {@code nobody knows he hits me} stays positive.
 *
 * <p>History: a CRITICAL phrase in a clause that places it in the past ({@code last year}, {@code years ago},
 * {@code el mes pasado}, {@code hace años}) is reported as HIGH. Past violence is a risk factor for the case, not
 * an emergency now; the phrase, its category and offsets are unchanged.
 *
 * <p>Overlapping matches: a match lying inside a longer one of the same or higher severity is dropped. Entries of
 * the categories {@code idiom} and {@code fiction} are context: a match an idiom overlaps, or one in the clause of a
 * fiction cue, is dropped (see {@link #outOfPlay}).
 */
public final class LexiconKeywordDetector implements KeywordDetector {

  public static final String ID = "offline-lexicon";
  static final int NEGATION_WINDOW = 4;
  /** Lexicon categories that are context, not findings: they take the matches they overlap out of play. */
  public static final String IDIOM = "idiom";
  /** Fiction, games, news: takes the matches of its clause out of play. */
  public static final String FICTION = "fiction";
  /** How far back a second cue is looked for once one was found: "it's not that I'm not scared" is not negated. */
  static final int DOUBLE_NEGATION_WINDOW = 8;
  private static final int CACHE_SIZE = 32;

  private static final Set<String> CUES = norm("not", "no", "never", "without", "nor", "neither", "nunca", "jamas",
      "tampoco", "sin", "ni", "nope");
  private static final Set<String> REVERSERS = norm("stop", "stopped", "help", "quit", "resist", "avoid", "wait",
      "escape", "dejar", "dejo", "parar", "paro", "evitar", "evito", "aguantar", "resistir", "sacar", "quitar");
  private static final Set<String> FIXED_AFTER_CUE = norm("only", "just", "doubt", "matter", "solo", "duda", "importa");
  private static final Set<String> SCOPE_BOUNDARIES = norm("but", "however", "although", "though", "if", "whether",
      "because", "and", "or", "so", "until", "unless", "pero", "aunque", "si", "porque", "que", "y", "o", "sino",
      "hasta", "cuando", "when", "since", "then", "luego");
  private static final Set<String> COMPARATIVES = norm("so", "this", "that", "more", "tan", "tanto", "tanta", "mas");
  private static final Set<String> NEVER = norm("never", "nunca", "jamas");
  private static final Set<String> NEGATIVE_SUBJECTS = norm("nobody", "noone", "nadie", "nothing", "nada");
  private static final List<List<String>> PAST_MARKERS = phrases("last week", "last month", "last year",
      "a year ago", "years ago", "months ago", "weeks ago", "when i was", "used to", "el mes pasado",
      "el año pasado", "la semana pasada", "hace años", "hace meses", "hace un año", "de niña", "de niño",
      "de pequeña", "cuando era");
  private static final Set<String> PRONOUNS = norm("he", "she", "i", "they", "we", "you", "it", "my", "his", "her");

  private final Map<String, CompiledLexicon> compiled = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledLexicon> eldest) {
          return size() > CACHE_SIZE;
        }
      });

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "aho-corasick-1";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public Availability availability() {
    return Availability.ok();
  }

  @Override
  public List<KeywordMatch> detect(String text, String language, Lexicon lexicon) {
    if (text == null || text.isBlank() || lexicon.entries().isEmpty()) {
      return List.of();
    }
    CompiledLexicon lex = compile(lexicon);
    List<Token> tokens = TextTokens.tokenize(text);
    int n = tokens.size();
    int[] ids = new int[n];
    int[] fuzzyBefore = new int[n + 1];
    int[] shortFuzzyBefore = new int[n + 1];
    for (int i = 0; i < n; i++) {
      String word = tokens.get(i).norm();
      int id = lex.exact(word);
      boolean fuzzy = false;
      if (id < 0) {
        id = lex.oneEditAway(word);
        fuzzy = id >= 0;
      }
      ids[i] = id;
      fuzzyBefore[i + 1] = fuzzyBefore[i] + (fuzzy ? 1 : 0);
      shortFuzzyBefore[i + 1] = shortFuzzyBefore[i] + (fuzzy && word.length() < 5 ? 1 : 0);
    }
    String lang = language == null || language.isBlank() || "und".equals(language) ? null : language;
    List<Found> found = new ArrayList<>();
    PhraseAutomaton automaton = lex.automaton();
    int state = automaton.start();
    for (int i = 0; i < n; i++) {
      state = automaton.step(state, ids[i]);
      int end = i;
      automaton.outputs(state, p -> {
        CompiledLexicon.Pattern pattern = lex.pattern(p);
        int first = end - pattern.words() + 1;
        int fuzzy = fuzzyBefore[end + 1] - fuzzyBefore[first];
        boolean shortFuzzy = shortFuzzyBefore[end + 1] - shortFuzzyBefore[first] > 0;
        if (fuzzy > 1 || (fuzzy == 1 && pattern.chars() < CompiledLexicon.MIN_FUZZY_PHRASE_CHARS)
            || (shortFuzzy && (pattern.words() < 3 || pattern.chars() < CompiledLexicon.MIN_SHORT_FUZZY_PHRASE_CHARS))) {
          return;
        }
        Lexicon.Entry entry = strongest(pattern.entries(), lang);
        if (entry != null) {
          if (entry.severity() == Severity.CRITICAL && inThePast(tokens, first)) {
            entry = new Lexicon.Entry(entry.phrase(), entry.language(), Severity.HIGH, entry.category());
          }
          found.add(new Found(entry, first, end, negated(tokens, first, lang)));
        }
      });
    }
    return resolve(found, tokens);
  }

  /** Compiles (or reuses) the automaton of a lexicon; also used by benchmarks to exclude build time. */
  public void prepare(Lexicon lexicon) {
    compile(lexicon);
  }

  private CompiledLexicon compile(Lexicon lexicon) {
    String key = lexicon.id() + '@' + lexicon.version();
    CompiledLexicon lex = compiled.get(key);
    if (lex == null) {
      lex = new CompiledLexicon(lexicon);
      compiled.put(key, lex);
    }
    return lex;
  }

  private static Lexicon.Entry strongest(List<Lexicon.Entry> entries, String language) {
    Lexicon.Entry best = null;
    for (Lexicon.Entry e : entries) {
      boolean applies = language == null || e.language() == null || e.language().equalsIgnoreCase(language);
      if (applies && (best == null || e.severity().compareTo(best.severity()) > 0)) {
        best = e;
      }
    }
    return best;
  }

  static boolean negated(List<Token> tokens, int first, String language) {
    if (first == 0) {
      return false;
    }
    int clause = tokens.get(first).clause();
    int cues = 0;
    boolean reversed = false;
    boolean comparative = false;
    for (int k = first - 1; k >= Math.max(0, first - DOUBLE_NEGATION_WINDOW); k--) {
      if (first - k > NEGATION_WINDOW && cues == 0) {
        break;
      }
      Token t = tokens.get(k);
      if (t.clause() != clause || SCOPE_BOUNDARIES.contains(t.norm())) {
        break;
      }
      String w = t.norm();
      if (CUES.contains(w)) {
        boolean fixed = k + 1 < first && FIXED_AFTER_CUE.contains(tokens.get(k + 1).norm());
        boolean interjection = "no".equals(w) && !"es".equals(language) && (k == 0 || tokens.get(k - 1).clause() != clause)
            && k + 1 < tokens.size() && PRONOUNS.contains(tokens.get(k + 1).norm());
        boolean neverSo = NEVER.contains(w) && comparative;
        if (!fixed && !interjection && !neverSo && !reversed) {
          cues++;
        }
      } else if (NEGATIVE_SUBJECTS.contains(w) && first - k <= 2 && !reversed) {
        cues++;
      } else if ("one".equals(w) && k > 0 && "no".equals(tokens.get(k - 1).norm())) {
        if (first - k <= 2 && !reversed) {
          cues++;
        }
        k--;
      } else if (REVERSERS.contains(w)) {
        reversed = true;
      } else if (COMPARATIVES.contains(w)) {
        comparative = true;
      }
    }
    return cues % 2 == 1;
  }

  private static boolean inThePast(List<Token> tokens, int first) {
    int clause = tokens.get(first).clause();
    int from = first;
    while (from > 0 && tokens.get(from - 1).clause() == clause) {
      from--;
    }
    for (int i = from; i < tokens.size() && tokens.get(i).clause() == clause; i++) {
      for (List<String> marker : PAST_MARKERS) {
        int k = 0;
        while (k < marker.size() && i + k < tokens.size() && tokens.get(i + k).clause() == clause
            && tokens.get(i + k).norm().equals(marker.get(k))) {
          k++;
        }
        if (k == marker.size()) {
          return true;
        }
      }
    }
    return false;
  }

  private record Found(Lexicon.Entry entry, int first, int last, boolean negated) {
    int length() {
      return last - first + 1;
    }
  }

  private static List<KeywordMatch> resolve(List<Found> found, List<Token> tokens) {
    List<KeywordMatch> out = new ArrayList<>();
    for (Found f : found) {
      if (!isContext(f) && outOfPlay(f, found, tokens)) {
        continue;
      }
      boolean covered = false;
      for (Found other : found) {
        if (other != f && other.first() <= f.first() && f.last() <= other.last()
            && (other.length() > f.length() || found.indexOf(other) < found.indexOf(f))
            && other.entry().severity().compareTo(f.entry().severity()) >= 0) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(new KeywordMatch(f.entry().phrase(), tokens.get(f.first()).start(), tokens.get(f.last()).end(),
            f.entry().severity(), f.entry().category(), f.negated()));
      }
    }
    out.sort(Comparator.comparingInt(KeywordMatch::start).thenComparingInt(KeywordMatch::end));
    return out;
  }

  private static boolean isContext(Found f) {
    return IDIOM.equals(f.entry().category()) || FICTION.equals(f.entry().category());
  }

  /**
   * A match that a figure of speech overlaps ({@code my boss is going to kill me if}, {@code me mata la
   * curiosidad}), or that stands in a clause about fiction or play ({@code a movie about}, {@code en el juego}), is
   * not a finding. Context entries that are themselves negated ({@code it's not a movie}) do not count.
   */
  private static boolean outOfPlay(Found f, List<Found> found, List<Token> tokens) {
    for (Found c : found) {
      if (c.negated() || !isContext(c)) {
        continue;
      }
      if (IDIOM.equals(c.entry().category()) && c.first() <= f.last() && f.first() <= c.last()) {
        return true;
      }
      if (FICTION.equals(c.entry().category()) && tokens.get(c.first()).clause() == tokens.get(f.first()).clause()) {
        return true;
      }
    }
    return false;
  }

  /** Highest severity among the matches that are not negated, or null when there is none. */
  public static Severity highest(List<KeywordMatch> matches) {
    Severity best = null;
    for (KeywordMatch m : matches) {
      if (!m.negated() && (best == null || m.severity().compareTo(best) > 0)) {
        best = m.severity();
      }
    }
    return best;
  }

  private static List<List<String>> phrases(String... phrases) {
    List<List<String>> out = new ArrayList<>();
    for (String p : phrases) {
      out.add(TextTokens.normWords(p));
    }
    return List.copyOf(out);
  }

  private static Set<String> norm(String... words) {
    java.util.HashSet<String> out = new java.util.HashSet<>();
    for (String w : words) {
      out.add(TextTokens.normWord(w));
    }
    return Set.copyOf(out);
  }
}
