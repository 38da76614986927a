package org.switchboard.workers.ai.offline.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TF-IDF vectors over two views of a text, compared by cosine: word unigrams and bigrams of the normalised tokens
 * (meaning), and character 3- and 4-grams inside words (misspellings and inflections: "cancelation" still shares
 * most of its n-grams with "cancellation", "cita" with "citas"). The similarity of two texts is the mean of the two
 * cosines, 0..1. IDF is fitted on a small corpus (a sector's intent examples, a tenant's FAQ questions).
 */
public final class TextVectors {

  /** Words too frequent to say anything about what a short message asks. */
  private static final Set<String> STOPWORDS = List.of("the", "a", "an", "to", "of", "and", "or", "i", "my", "me",
      "is", "am", "are", "it", "in", "on", "for", "with", "you", "your", "do", "can", "be", "this", "that", "please",
      "el", "la", "los", "las", "un", "una", "de", "del", "y", "o", "que", "en", "mi", "me", "es", "por", "para",
      "con", "se", "lo", "al", "su", "favor").stream().distinct().collect(java.util.stream.Collectors.toUnmodifiableSet());

  public record Vector(Map<String, Double> words, Map<String, Double> chars) {
  }

  private final Map<String, Double> idf;
  private final double unseenIdf;

  private TextVectors(Map<String, Double> idf, double unseenIdf) {
    this.idf = idf;
    this.unseenIdf = unseenIdf;
  }

  public static TextVectors fit(List<String> documents) {
    Map<String, Integer> df = new HashMap<>();
    for (String d : documents) {
      Vector raw = counts(d);
      raw.words().keySet().forEach(f -> df.merge(f, 1, Integer::sum));
      raw.chars().keySet().forEach(f -> df.merge(f, 1, Integer::sum));
    }
    int n = documents.size();
    Map<String, Double> idf = new HashMap<>();
    df.forEach((f, count) -> idf.put(f, Math.log((1.0 + n) / (1.0 + count)) + 1));
    return new TextVectors(Map.copyOf(idf), Math.log(1.0 + n) + 1);
  }

  public Vector vector(String text) {
    Vector raw = counts(text);
    return new Vector(weigh(raw.words()), weigh(raw.chars()));
  }

  public static double similarity(Vector a, Vector b) {
    return 0.5 * cosine(a.words(), b.words()) + 0.5 * cosine(a.chars(), b.chars());
  }

  /** Sum of vectors, each block normalised again (a class centroid). */
  public static Vector centroid(List<Vector> vectors) {
    Map<String, Double> words = new HashMap<>();
    Map<String, Double> chars = new HashMap<>();
    for (Vector v : vectors) {
      v.words().forEach((k, x) -> words.merge(k, x, Double::sum));
      v.chars().forEach((k, x) -> chars.merge(k, x, Double::sum));
    }
    return new Vector(normalise(words), normalise(chars));
  }

  private Map<String, Double> weigh(Map<String, Double> counts) {
    Map<String, Double> out = new HashMap<>();
    counts.forEach((f, tf) -> out.put(f, (1 + Math.log(tf)) * idf.getOrDefault(f, unseenIdf)));
    return normalise(out);
  }

  private static Map<String, Double> normalise(Map<String, Double> v) {
    double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    if (norm == 0) {
      return v;
    }
    Map<String, Double> out = new HashMap<>();
    v.forEach((k, x) -> out.put(k, x / norm));
    return out;
  }

  private static double cosine(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    double dot = 0;
    for (Map.Entry<String, Double> e : small.entrySet()) {
      Double other = large.get(e.getKey());
      if (other != null) {
        dot += e.getValue() * other;
      }
    }
    return dot;
  }

  private static Vector counts(String text) {
    Map<String, Double> words = new HashMap<>();
    Map<String, Double> chars = new HashMap<>();
    String previous = null;
    for (TextTokens.Token t : TextTokens.tokenize(text)) {
      String w = t.norm();
      if (!STOPWORDS.contains(w)) {
        words.merge("w:" + w, 1.0, Double::sum);
        String padded = " " + w + " ";
        for (int n = 3; n <= 4; n++) {
          for (int i = 0; i + n <= padded.length(); i++) {
            chars.merge("c:" + padded.substring(i, i + n), 1.0, Double::sum);
          }
        }
      }
      if (previous != null) {
        words.merge("b:" + previous + " " + w, 1.0, Double::sum);
      }
      previous = w;
    }
    return new Vector(words, chars);
  }
}
