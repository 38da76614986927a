package org.switchboard.workers.ai.offline.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.SentimentAnalyzer;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;
import org.switchboard.workers.ai.offline.text.TextTokens;
import org.switchboard.workers.ai.offline.text.TextTokens.Token;

/**
 * Offline lexicon-based sentiment and distress ({@code offline-lexicon}), English and Spanish, in the manner of
 * VADER: word valences from {@code ai/offline/sentiment/<lang>.tsv}, scaled up by intensifiers ({@code very},
 * {@code muy}) and down by diminishers ({@code a bit}, {@code un poco}), flipped and damped by a negation in the three
 * words before, raised for words in capitals and for exclamation marks, weighted towards what follows {@code but} /
 * {@code pero}, plus emoji and emoticons. The sum is squashed to -1..1 with {@code x / sqrt(x² + 15)}.
 *
 * <p>Distress (0..1) does not come from the valence: it combines the risk phrases of the survivor-support and
 * healthcare lexicons and a despair/fear vocabulary ({@code lexicons/distress.tsv}), all negation-aware through the
 * keyword detector, as {@code 1 - Π(1 - w)} with w by severity (LOW 0.15, MEDIUM 0.35, HIGH 0.6, CRITICAL 0.95),
 * nudged up a little by strongly negative sentiment.
 */
public final class LexiconSentimentAnalyzer implements SentimentAnalyzer {

  public static final String ID = "offline-lexicon";
  private static final double NEGATION_SCALAR = -0.74;
  private static final double ALPHA = 15;

  private static final Set<String> BOOSTERS = norm("very", "really", "so", "extremely", "totally", "absolutely",
      "super", "incredibly", "too", "completely", "utterly", "deeply", "muy", "tan", "demasiado", "realmente",
      "totalmente", "sumamente", "re", "bastante");
  private static final Set<String> DIMINISHERS = norm("slightly", "somewhat", "bit", "little", "barely", "fairly",
      "marginally", "poco", "algo", "apenas", "medio", "ligeramente");
  private static final Set<String> NEGATIONS = norm("not", "no", "never", "without", "nor", "nunca", "jamas", "ni",
      "sin", "tampoco", "nadie", "nobody");
  private static final Set<String> CONTRAST = norm("but", "however", "although", "pero", "aunque");
  private static final Map<String, Double> EMOJI = Map.ofEntries(
      Map.entry("😀", 2.0), Map.entry("😃", 2.0), Map.entry("😄", 2.0), Map.entry("😁", 2.0), Map.entry("😊", 2.0),
      Map.entry("🙂", 1.0), Map.entry("😍", 3.0), Map.entry("🥰", 3.0), Map.entry("❤", 3.0), Map.entry("👍", 2.0),
      Map.entry("🙏", 1.0), Map.entry("😂", 1.5), Map.entry("🤣", 1.5), Map.entry("💪", 1.5), Map.entry("✅", 1.0),
      Map.entry("😢", -2.0), Map.entry("😭", -3.0), Map.entry("😞", -2.0), Map.entry("😔", -2.0), Map.entry("😟", -2.0),
      Map.entry("😨", -3.0), Map.entry("😰", -3.0), Map.entry("😱", -3.0), Map.entry("😡", -3.0), Map.entry("😠", -3.0),
      Map.entry("💔", -3.0), Map.entry("👎", -2.0), Map.entry("🤬", -4.0), Map.entry("☹", -2.0), Map.entry("🙁", -1.5),
      Map.entry("😩", -2.0), Map.entry("😫", -2.0), Map.entry("😣", -2.0), Map.entry("😖", -2.0));
  private static final Pattern EMOTICON = Pattern.compile("(?<![\\w])(:-?\\)|:-?D|;-?\\)|<3|:'-?\\(|:-?\\(|:-?/|D:)");

  private final Map<String, Map<String, Double>> valences = Map.of("en", load("en"), "es", load("es"));
  private final Map<String, Double> anyLanguage = new HashMap<>();
  private final LexiconKeywordDetector keywords = new LexiconKeywordDetector();
  private final Lexicon risk = DefaultLexicons.safety();
  private final Lexicon distress = DefaultLexicons.distress();

  public LexiconSentimentAnalyzer() {
    valences.values().forEach(anyLanguage::putAll);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "valence-1";
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
  public Sentiment analyze(String text, String language) {
    if (text == null || text.isBlank()) {
      return new Sentiment(0, 0, "NEUTRAL");
    }
    Map<String, Double> lexicon = valences.getOrDefault(language == null ? "" : language, anyLanguage);
    List<Token> tokens = TextTokens.tokenize(text);
    boolean allShouted = tokens.stream().allMatch(Token::shouted);
    int contrastAt = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (CONTRAST.contains(tokens.get(i).norm())) {
        contrastAt = i;
      }
    }
    double sum = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Double base = lexicon.get(t.norm());
      if (base == null) {
        continue;
      }
      double v = base;
      for (int back = 1; back <= 2 && i - back >= 0; back++) {
        Token before = tokens.get(i - back);
        if (before.clause() != t.clause()) {
          break;
        }
        if (BOOSTERS.contains(before.norm())) {
          v *= back == 1 ? 1.3 : 1.15;
        } else if (DIMINISHERS.contains(before.norm())) {
          v *= 0.6;
        }
      }
      if (negated(tokens, i)) {
        v *= NEGATION_SCALAR;
      }
      if (t.shouted() && !allShouted) {
        v *= 1.3;
      }
      if (contrastAt >= 0) {
        v *= i < contrastAt ? 0.5 : 1.5;
      }
      sum += v;
    }
    sum += emoji(text);
    if (sum != 0) {
      long bangs = Math.min(4, text.chars().filter(c -> c == '!').count());
      sum += Math.signum(sum) * bangs * 0.292;
      long questions = text.chars().filter(c -> c == '?').count();
      if (questions > 1) {
        sum += Math.signum(sum) * Math.min(0.96, questions * 0.18);
      }
    }
    double score = sum / Math.sqrt(sum * sum + ALPHA);
    String label = score >= 0.05 ? "POSITIVE" : score <= -0.05 ? "NEGATIVE" : "NEUTRAL";
    return new Sentiment(round(score), round(distress(text, language, score)), label);
  }

  private double distress(String text, String language, double score) {
    double calm = 1;
    List<KeywordMatch> danger = keywords.detect(text, language, risk);
    List<KeywordMatch> matches = new ArrayList<>(danger);
    // The shared danger lexicon and the small distress one are compiled apart; a distress phrase inside a danger
    // phrase at least as severe is the same words counted twice.
    for (KeywordMatch d : keywords.detect(text, language, distress)) {
      boolean covered = danger.stream().anyMatch(m -> m.start() <= d.start() && d.end() <= m.end()
          && m.severity().compareTo(d.severity()) >= 0);
      if (!covered) {
        matches.add(d);
      }
    }
    for (KeywordMatch m : matches) {
      if (!m.negated()) {
        calm *= 1 - weight(m.severity());
      }
    }
    double d = 1 - calm;
    if (score < -0.5) {
      d += (1 - d) * (-score - 0.5) * 0.3;
    }
    return Math.max(0, Math.min(1, d));
  }

  private static double weight(Severity severity) {
    return switch (severity) {
      case LOW -> 0.15;
      case MEDIUM -> 0.35;
      case HIGH -> 0.6;
      case CRITICAL -> 0.95;
    };
  }

  private static boolean negated(List<Token> tokens, int i) {
    for (int back = 1; back <= 3 && i - back >= 0; back++) {
      Token before = tokens.get(i - back);
      if (before.clause() != tokens.get(i).clause()) {
        return false;
      }
      if (NEGATIONS.contains(before.norm())) {
        return true;
      }
    }
    return false;
  }

  private static double emoji(String text) {
    double sum = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      Double v = EMOJI.get(new String(Character.toChars(cp)));
      if (v != null) {
        sum += v;
      }
      i += Character.charCount(cp);
    }
    Matcher m = EMOTICON.matcher(text);
    while (m.find()) {
      String e = m.group(1);
      sum += e.contains("(") || e.contains("/") || e.equals("D:") ? -2 : 2;
    }
    return sum;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static Map<String, Double> load(String language) {
    String resource = "ai/offline/sentiment/" + language + ".tsv";
    Map<String, Double> out = new HashMap<>();
    try (InputStream in = LexiconSentimentAnalyzer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.put(TextTokens.normWord(f[0].strip()), Double.parseDouble(f[1].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }

  private static Set<String> norm(String... words) {
    java.util.HashSet<String> out = new java.util.HashSet<>();
    for (String w : words) {
      out.add(TextTokens.normWord(w));
    }
    return Set.copyOf(out);
  }
}
