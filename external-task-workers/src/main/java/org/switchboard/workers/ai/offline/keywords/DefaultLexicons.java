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

  private static Lexicon load(String name) {
    String resource = "ai/offline/lexicons/" + name + ".tsv";
    try (InputStream in = DefaultLexicons.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      byte[] bytes = in.readAllBytes();
      String version = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
      return new Lexicon("default-" + name, version,
          parse(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every shipped lexicon in one (what the quality evaluation and benchmarks use). */
  public static Lexicon all() {
    List<Lexicon.Entry> entries = new ArrayList<>();
    StringBuilder version = new StringBuilder();
    for (String sector : SECTORS) {
      Lexicon l = forSector(sector);
      entries.addAll(l.entries());
      version.append(l.version(), 0, 4);
    }
    return new Lexicon("default-all", version.toString(), entries);
  }

  /** Parses the tab-separated format; a malformed line fails with its line number. */
  public static List<Lexicon.Entry> parse(Reader reader) throws IOException {
    List<Lexicon.Entry> entries = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
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
      entries.add(new Lexicon.Entry(f[0].strip(), "*".equals(language) ? null : language, severity, f[3].strip()));
    }
    return entries;
  }
}
