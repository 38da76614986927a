package org.switchboard.workers.ai.offline.risk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.text.TextTokens;
import org.switchboard.workers.ai.offline.text.TextTokens.Token;

/**
 * A small statistical risk classifier that catches what phrase lists miss: paraphrase, indirect wording ("the dog
 * will be fine with my neighbour"), inflections and new slang. Multinomial logistic regression over hashed features
 * of the shared normalisation ({@link TextTokens}): words, word pairs, and letter 3- to 5-grams inside words (so
 * {@code harming}, {@code harmed} and a typo share most features), with words after a negation cue in the same
 * clause marked as negated. Trained in well under a second when first used, from the labelled synthetic messages in
 * {@code ai/offline/risk/} ({@link LabelledMessages#TRAINING}), with a fixed seed: every node computes the same
 * weights.
 *
 * <p>It reports a severity only when its probability passes a threshold ({@link #CRITICAL_THRESHOLD} for critical,
 * {@link #RISK_THRESHOLD} for any risk), chosen by cross-validation on the training sets (docs/ai-quality.md). It
 * names no phrase: the finding is the message, for a person to read.
 */
public final class RiskModel {

  public static final String VERSION = "logreg-hashed-1";
  // Epochs, rate, L2 and the thresholds were chosen by leave-one-writer-out cross-validation on the training sets:
  // the highest critical recall whose pooled precision stayed at or above 0.8, ties to the higher precision
  // (docs/ai-quality.md).
  static final int DIMENSIONS = 1 << 18;
  static final int EPOCHS = 15;
  static final double LEARNING_RATE = 0.05;
  static final double L2 = 3e-4;
  static final long SEED = 20261126L;
  /** P(critical) at or above this reports CRITICAL. */
  public static final double CRITICAL_THRESHOLD = 0.25;
  /** P(not none) at or above this reports at least MEDIUM; the severity is then the likeliest risk label. */
  public static final double RISK_THRESHOLD = 0.50;

  private static final Set<String> NEGATION_CUES = Set.of("not", "no", "never", "nunca", "jamas", "sin", "ni",
      "nobody", "nadie", "without", "nothing", "nada");
  private static final Set<String> SCOPE_END = Set.of("but", "pero", "and", "y", "because", "porque", "que", "if",
      "si", "so", "then");

  private final float[][] weights = new float[LabelledMessages.LABELS.size()][DIMENSIONS];
  private final float[] bias = new float[LabelledMessages.LABELS.size()];

  /** What the model thinks of a message. */
  public record Prediction(double[] probabilities, Severity severity) {

    public double critical() {
      return probabilities[0];
    }

    public double risk() {
      return 1 - probabilities[3];
    }
  }

  private RiskModel() {
  }

  private static final class Shipped {
    static final RiskModel MODEL = train(LabelledMessages.training());
  }

  /** The model trained on the shipped sets (trained once per JVM, on first use). */
  public static RiskModel shipped() {
    return Shipped.MODEL;
  }

  public static RiskModel train(List<LabelledMessages.Message> messages) {
    return train(messages, EPOCHS, LEARNING_RATE, L2);
  }

  /** With other hyper-parameters: for the cross-validation that chose the shipped ones (bench). */
  public static RiskModel train(List<LabelledMessages.Message> messages, int epochs, double learningRate, double l2) {
    RiskModel model = new RiskModel();
    List<int[]> features = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (LabelledMessages.Message m : messages) {
      features.add(features(m.text()));
      labels.add(LabelledMessages.LABELS.indexOf(m.label()));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      order.add(i);
    }
    Random random = new Random(SEED);
    int classes = LabelledMessages.LABELS.size();
    // AdaGrad: rare features (most letter n-grams) keep a larger step than frequent ones.
    float[][] squared = new float[classes][DIMENSIONS];
    float[] biasSquared = new float[classes];
    for (int epoch = 0; epoch < epochs; epoch++) {
      Collections.shuffle(order, random);
      for (int i : order) {
        int[] x = features.get(i);
        double[] p = model.probabilities(x);
        for (int c = 0; c < classes; c++) {
          double gradient = p[c] - (labels.get(i) == c ? 1 : 0);
          for (int f : x) {
            double g = gradient + l2 * model.weights[c][f];
            squared[c][f] += (float) (g * g);
            model.weights[c][f] -= (float) (learningRate * g / Math.sqrt(squared[c][f] + 1e-8));
          }
          biasSquared[c] += (float) (gradient * gradient);
          model.bias[c] -= (float) (learningRate * gradient / Math.sqrt(biasSquared[c] + 1e-8));
        }
      }
    }
    return model;
  }

  public Prediction predict(String text) {
    double[] p = probabilities(features(text));
    Severity severity = null;
    if (p[0] >= CRITICAL_THRESHOLD) {
      severity = Severity.CRITICAL;
    } else if (1 - p[3] >= RISK_THRESHOLD) {
      severity = p[1] >= p[2] ? Severity.HIGH : Severity.MEDIUM;
    }
    return new Prediction(p, severity);
  }

  private double[] probabilities(int[] x) {
    int classes = bias.length;
    double[] scores = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double s = bias[c];
      for (int f : x) {
        s += weights[c][f];
      }
      scores[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      scores[c] = Math.exp(scores[c] - max);
      sum += scores[c];
    }
    for (int c = 0; c < classes; c++) {
      scores[c] /= sum;
    }
    return scores;
  }

  /** Hashed feature indexes (with repeats: a feature seen twice counts twice). */
  static int[] features(String text) {
    List<Token> tokens = TextTokens.tokenize(text);
    List<String> words = new ArrayList<>(tokens.size());
    boolean negated = false;
    int clause = -1;
    for (Token t : tokens) {
      if (t.clause() != clause) {
        negated = false;
        clause = t.clause();
      }
      String w = t.norm();
      if (SCOPE_END.contains(w)) {
        negated = false;
      }
      words.add(negated ? "!" + w : w);
      if (NEGATION_CUES.contains(w)) {
        negated = true;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      out.add(hash("w:" + w));
      if (i + 1 < words.size()) {
        out.add(hash("b:" + w + " " + words.get(i + 1)));
      }
      String plain = w.startsWith("!") ? w.substring(1) : w;
      String marked = "<" + plain + ">";
      for (int n = 3; n <= 5; n++) {
        for (int k = 0; k + n <= marked.length(); k++) {
          out.add(hash("c:" + marked.substring(k, k + n)));
        }
      }
    }
    int[] x = new int[out.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = out.get(i);
    }
    return x;
  }

  /** String.hashCode is specified by the language, so the features are the same on every JVM. */
  private static int hash(String feature) {
    int h = feature.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h & (DIMENSIONS - 1);
  }
}
