package org.switchboard.workers.ai.offline.keywords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;

/**
 * The lexicons shipped per sector ({@code ai/offline/lexicons/<sector>.tsv}) and the parser of the format, which
 * tenants' own lexicons use too. One entry per line, tab separated:
 * <pre>phrase &lt;TAB&gt; language &lt;TAB&gt; severity &lt;TAB&gt; category</pre>
 * {@code language} is an ISO 639-1 code or {@code *} for every language; {@code severity} is LOW, MEDIUM, HIGH or
 * CRITICAL; lines starting with {@code #} and blank lines are ignored. Phrases are written as people would write
 * them; matching normalises case, accents, apostrophes, contractions and repeated letters, and tolerates one typo
 * in longer phrases, so variants are only needed for different words.
 */
public final class DefaultLexicons {

  public static final List<String> SECTORS = List.of("survivor-support", "healthcare", "customer-service");

  private DefaultLexicons() {
  }

  /** The shipped lexicon of a sector; {@code id} is {@code default-<sector>}, {@code version} a content hash. */
  public static Lexicon forSector(String sector) {
    if (!SECTORS.contains(sector)) {
      throw new IllegalArgumentException("no default lexicon for sector " + sector);
    }
    return load(sector);
  }

  /** Despair and fear vocabulary that drives the offline sentiment analyser's distress score. */
  public static Lexicon distress() {
    return load("distress");
  }

  /** Parsed once per JVM: a shipped lexicon expands to many thousands of phrases (patterns), and it never changes. */
  private static final java.util.Map<String, Lexicon> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  private static Lexicon load(String name) {
    return LOADED.computeIfAbsent(name, DefaultLexicons::read);
  }

  /**
   * The survivor-support and healthcare lexicons in one: the danger vocabulary the summariser, the sentiment
   * analyser and the FAQ bot look for whatever the tenant's sector. One instance, so it is compiled once.
   */
  public static Lexicon safety() {
    return LOADED.computeIfAbsent("safety", k -> {
      Lexicon survivor = forSector("survivor-support");
      Lexicon health = forSector("healthcare");
      List<Lexicon.Entry> entries = new ArrayList<>(survivor.entries());
      entries.addAll(health.entries());
      return new Lexicon("default-safety", survivor.version().substring(0, 6) + health.version().substring(0, 6),
          entries);
    });
  }

  private static Lexicon read(String name) {
    String resource = "ai/offline/lexicons/" + name + ".tsv";
    try (InputStream in = DefaultLexicons.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      byte[] bytes = in.readAllBytes();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Concepts.BYTES);
      String version = HexFormat.of().formatHex(digest.digest(bytes)).substring(0, 12);
      return new Lexicon("default-" + name, version,
          parse(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every shipped lexicon in one (cases outside the three sectors; the quality evaluation and benchmarks). */
  public static Lexicon all() {
    return LOADED.computeIfAbsent("all", k -> combineAll());
  }

  private static Lexicon combineAll() {
    List<Lexicon.Entry> entries = new ArrayList<>();
    StringBuilder version = new StringBuilder();
    for (String sector : SECTORS) {
      Lexicon l = forSector(sector);
      entries.addAll(l.entries());
      version.append(l.version(), 0, 4);
    }
    return new Lexicon("default-all", version.toString(), entries);
  }

  /**
   * A tenant's lexicon on top of a shipped one. A tenant entry with the same phrase (as normalised for matching)
   * and language replaces the shipped entry, so a tenant can also lower a shipped phrase to LOW; the others are
   * added. The id and version name both parts, so caches see every edit.
   */
  public static Lexicon extend(Lexicon base, String tenantLexiconId, String tenantVersion,
      List<Lexicon.Entry> tenantEntries) {
    java.util.Map<String, Lexicon.Entry> byKey = new java.util.LinkedHashMap<>();
    for (Lexicon.Entry e : base.entries()) {
      byKey.put(key(e), e);
    }
    for (Lexicon.Entry e : tenantEntries) {
      byKey.put(key(e), e);
    }
    return new Lexicon(base.id() + "+" + tenantLexiconId, base.version() + "+" + tenantVersion,
        new ArrayList<>(byKey.values()));
  }

  private static String key(Lexicon.Entry e) {
    return String.join(" ", org.switchboard.workers.ai.offline.text.TextTokens.normWords(e.phrase())) + "|"
        + (e.language() == null ? "*" : e.language());
  }

  /**
   * Parses the tab-separated format; a malformed line fails with its line number. Phrases may use word classes and
   * alternatives ({@link PhrasePatterns}); classes come from the shared {@code concepts.tsv} and from
   * {@code @name<TAB>a|b|c} lines of the same text, which may appear anywhere in it.
   */
  public static List<Lexicon.Entry> parse(Reader reader) throws IOException {
    List<String> all = new BufferedReader(reader).lines().toList();
    java.util.Map<String, List<String>> classes = new java.util.HashMap<>(Concepts.CLASSES);
    classes.putAll(classes(all));
    List<Lexicon.Entry> entries = new ArrayList<>();
    int number = 0;
    for (String line : all) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || isClassLine(trimmed)) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 4 || f[0].isBlank()) {
        throw new IllegalArgumentException("line " + number + ": expected phrase, language, severity, category");
      }
      String language = f[1].strip();
      Severity severity;
      try {
        severity = Severity.valueOf(f[2].strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + ": unknown severity " + f[2].strip());
      }
      String phrase = f[0].strip();
      List<String> phrases;
      try {
        phrases = PhrasePatterns.isPattern(phrase) ? PhrasePatterns.expand(phrase, classes) : List.of(phrase);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
      }
      for (String p : phrases) {
        entries.add(new Lexicon.Entry(p, "*".equals(language) ? null : language, severity, f[3].strip()));
      }
    }
    return entries;
  }

  /** A class definition has two fields ({@code @name<TAB>a|b|c}); an entry that starts with a class has four. */
  private static boolean isClassLine(String trimmed) {
    String[] f = trimmed.split("\t+");
    return trimmed.startsWith("@") && f.length == 2 && f[0].indexOf(' ') < 0;
  }

  /** {@code @name<TAB>a|b|c} lines. */
  private static java.util.Map<String, List<String>> classes(List<String> lines) {
    java.util.Map<String, List<String>> out = new java.util.HashMap<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (!isClassLine(trimmed)) {
        continue;
      }
      String[] f = trimmed.split("\t+", 2);
      out.put(f[0].substring(1), List.of(f[1].split("\\|")));
    }
    return out;
  }

  /** The shared word classes ({@code ai/offline/lexicons/concepts.tsv}) every lexicon may use. */
  static final class Concepts {
    static final byte[] BYTES = resource("ai/offline/lexicons/concepts.tsv");
    static final java.util.Map<String, List<String>> CLASSES = classes(
        new String(BYTES, StandardCharsets.UTF_8).lines().toList());

    private Concepts() {
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = DefaultLexicons.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
