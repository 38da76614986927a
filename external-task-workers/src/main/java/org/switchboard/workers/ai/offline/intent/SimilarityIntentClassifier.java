package org.switchboard.workers.ai.offline.intent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.workers.ai.IntentClassifier;
import org.switchboard.workers.ai.offline.text.TextVectors;

/**
 * Offline intent classification ({@code offline-nb}): a small model trained when first asked for a model version
 * (the shipped sector models are trained at start-up by the factory), nearest-example plus centroid over TF-IDF
 * vectors of word n-grams and character n-grams (see {@link TextVectors}); character n-grams carry misspellings.
 *
 * <p>Per intent, score = 0.6 × best example similarity + 0.4 × centroid similarity. Confidence combines how well
 * the best intent matches at all with how clearly it beats the others:
 * {@code min(1, score / 0.5) × softmax(score / 0.05)}. A message like nothing in the model scores low on the first
 * factor; one between two intents on the second. Below {@code threshold} (setting, default 0.25) the result has no
 * intent, only the ranking.
 *
 * <p>The id {@code offline-nb} was named before the algorithm was chosen and is kept for configuration. Naive Bayes
 * was not used: its posterior is normalised over the known intents only, so text unlike every example can still
 * come out confident, which defeats a "no intent" threshold; cosine similarity has an absolute scale.
 */
public final class SimilarityIntentClassifier implements IntentClassifier {

  public static final String ID = "offline-nb";
  static final double FULL_SCORE = 0.5;
  static final double TEMPERATURE = 0.05;

  private record Trained(TextVectors vectors, List<String> names, List<List<TextVectors.Vector>> examples,
      List<TextVectors.Vector> centroids) {
  }

  private final double threshold;
  private final Map<String, Trained> trained;

  SimilarityIntentClassifier(double threshold, Map<String, Trained> sharedCache) {
    this.threshold = threshold;
    this.trained = sharedCache;
  }

  public SimilarityIntentClassifier(double threshold) {
    this(threshold, newCache());
  }

  static Map<String, Trained> newCache() {
    return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Trained> eldest) {
        return size() > 32;
      }
    });
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "tfidf-knn-centroid-1";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public Availability availability() {
    return Availability.ok();
  }

  /** Trains (or reuses) the model; the factory calls it at start-up for the shipped sector models. */
  public void train(IntentModel model) {
    trained(model);
  }

  @Override
  public IntentResult classify(String text, String language, IntentModel model) {
    Trained t = trained(model);
    if (text == null || text.isBlank() || t.names().isEmpty()) {
      return new IntentResult(null, 0, List.of());
    }
    TextVectors.Vector v = t.vectors().vector(text);
    double[] scores = new double[t.names().size()];
    for (int i = 0; i < scores.length; i++) {
      double best = 0;
      for (TextVectors.Vector example : t.examples().get(i)) {
        best = Math.max(best, TextVectors.similarity(v, example));
      }
      scores[i] = 0.6 * best + 0.4 * TextVectors.similarity(v, t.centroids().get(i));
    }
    double max = 0;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double sum = 0;
    double[] exp = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      exp[i] = Math.exp((scores[i] - max) / TEMPERATURE);
      sum += exp[i];
    }
    List<IntentResult.Scored> ranking = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      double confidence = Math.min(1, scores[i] / FULL_SCORE) * exp[i] / sum;
      ranking.add(new IntentResult.Scored(t.names().get(i), Math.round(confidence * 1000) / 1000.0));
    }
    ranking.sort(Comparator.comparingDouble(IntentResult.Scored::confidence).reversed());
    IntentResult.Scored top = ranking.get(0);
    return new IntentResult(top.confidence() >= threshold ? top.intent() : null, top.confidence(), ranking);
  }

  private Trained trained(IntentModel model) {
    String key = model.id() + '@' + model.version();
    Trained t = trained.get(key);
    if (t == null) {
      List<String> all = new ArrayList<>();
      model.intents().forEach(i -> all.addAll(i.examples()));
      TextVectors vectors = TextVectors.fit(all);
      List<String> names = new ArrayList<>();
      List<List<TextVectors.Vector>> examples = new ArrayList<>();
      List<TextVectors.Vector> centroids = new ArrayList<>();
      for (IntentModel.Intent intent : model.intents()) {
        if (intent.examples().isEmpty()) {
          continue;
        }
        List<TextVectors.Vector> vs = intent.examples().stream().map(vectors::vector).toList();
        names.add(intent.name());
        examples.add(vs);
        centroids.add(TextVectors.centroid(vs));
      }
      t = new Trained(vectors, names, examples, centroids);
      trained.put(key, t);
    }
    return t;
  }
}
