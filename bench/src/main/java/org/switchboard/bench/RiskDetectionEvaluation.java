package org.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.switchboard.workers.ai.KeywordDetector;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;

/**
 * Precision and recall of offline risk detection on the labelled synthetic messages in
 * {@code ai-quality/risk-messages.csv} ({@code id,split,language,label,text}; the text is everything after the fourth
 * comma, so it needs no quoting). A message's predicted label is the highest severity among its matches that are not
 * negated (CRITICAL → critical, HIGH → high, MEDIUM → medium, LOW or nothing → none).
 *
 * <ul>
 *   <li>risk: gold label other than none, predicted label other than none;</li>
 *   <li>critical: gold critical, predicted critical.</li>
 * </ul>
 * The first set's dev split was tuned on first, its test split later too (docs/ai-quality.md); {@link #HELDOUT2} is
 * the held-out figure.
 */
public final class RiskDetectionEvaluation {

  /** The first set (dev and test splits), now also a training set of the risk model. */
  public static final String RESOURCE = "ai/offline/risk/train-set1.csv";
  /** Written blind (the writer saw neither the lexicons nor the first set) and committed before any tuning on it. */
  public static final String HELDOUT2 = "ai-quality/risk-messages-heldout2b.csv";
  /** A third blind writer's messages, committed before they were ever scored. */
  public static final String HELDOUT3 = "ai-quality/risk-messages-heldout3.csv";
  /** A fourth blind writer's messages, committed before they were ever scored; scored once, with the final model. */
  public static final String HELDOUT4 = "ai-quality/risk-messages-heldout4.csv";
  /** A fifth blind writer's messages, committed before they were ever scored; scored once, with the final model. */
  public static final String HELDOUT5 = "ai-quality/risk-messages-heldout5.csv";
  static final List<String> LABELS = List.of("critical", "high", "medium", "none");

  public record Message(int id, String split, String language, String label, String text) {
  }

  public record Scored(Message message, String predicted, List<KeywordMatch> matches) {
  }

  /** Precision/recall of one binary question plus the 4×4 confusion matrix (rows gold, columns predicted). */
  public record Report(String name, int messages, Rate risk, Rate critical, int[][] confusion, List<Scored> errors) {

    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%s: %d messages%n", name, messages));
      out.append(String.format(Locale.ROOT, "  risk (any severity)  %s%n", risk.format()));
      out.append(String.format(Locale.ROOT, "  critical             %s%n", critical.format()));
      out.append("  confusion (rows gold, columns predicted): critical high medium none\n");
      for (int g = 0; g < LABELS.size(); g++) {
        out.append(String.format(Locale.ROOT, "    %-8s %8d %4d %6d %4d%n", LABELS.get(g), confusion[g][0], confusion[g][1],
            confusion[g][2], confusion[g][3]));
      }
      return out.toString();
    }
  }

  public record Rate(int truePositives, int falsePositives, int falseNegatives) {
    public double precision() {
      return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
      return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
    }

    String format() {
      return String.format(Locale.ROOT, "precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)", precision(), recall(),
          truePositives, falsePositives, falseNegatives);
    }
  }

  private final java.util.function.Function<Message, Scored> scorer;

  public RiskDetectionEvaluation(KeywordDetector detector, Lexicon lexicon) {
    this(m -> {
      List<KeywordMatch> matches = detector.detect(m.text(), m.language(), lexicon);
      return new Scored(m, label(LexiconKeywordDetector.highest(matches)), matches);
    });
  }

  public RiskDetectionEvaluation(java.util.function.Function<Message, Scored> scorer) {
    this.scorer = scorer;
  }

  /** A model trained on some messages, scored alone (no phrases). */
  static RiskDetectionEvaluation modelOnly(org.switchboard.workers.ai.offline.risk.RiskModel model) {
    return new RiskDetectionEvaluation(m -> new Scored(m, label(model.predict(m.text()).severity()), List.of()));
  }

  /** Phrases, and the model where it is more severe (what the shipped detector does with the shipped model). */
  static RiskDetectionEvaluation combined(org.switchboard.workers.ai.offline.risk.RiskModel model,
      LexiconKeywordDetector phrases, Lexicon lexicon) {
    return new RiskDetectionEvaluation(m -> {
      List<KeywordMatch> matches = phrases.detect(m.text(), m.language(), lexicon);
      Severity a = LexiconKeywordDetector.highest(matches);
      Severity b = model.predict(m.text()).severity();
      Severity best = a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
      return new Scored(m, label(best), matches);
    });
  }

  public static List<Message> load() throws IOException {
    return load(RESOURCE);
  }

  public static List<Message> load(String resource) throws IOException {
    try (InputStream in = RiskDetectionEvaluation.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Message> messages = new ArrayList<>();
      String line = reader.readLine();
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", 5);
        messages.add(new Message(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4]));
      }
      return messages;
    }
  }

  public Scored score(Message m) {
    return scorer.apply(m);
  }

  static String label(Severity severity) {
    if (severity == null || severity == Severity.LOW) {
      return "none";
    }
    return severity.name().toLowerCase(Locale.ROOT);
  }

  public Report evaluate(String name, List<Message> messages, Predicate<Message> filter) {
    int[][] confusion = new int[4][4];
    int rtp = 0, rfp = 0, rfn = 0, ctp = 0, cfp = 0, cfn = 0, n = 0;
    List<Scored> errors = new ArrayList<>();
    for (Message m : messages) {
      if (!filter.test(m)) {
        continue;
      }
      n++;
      Scored s = score(m);
      confusion[LABELS.indexOf(m.label())][LABELS.indexOf(s.predicted())]++;
      boolean goldRisk = !"none".equals(m.label());
      boolean predRisk = !"none".equals(s.predicted());
      rtp += goldRisk && predRisk ? 1 : 0;
      rfp += !goldRisk && predRisk ? 1 : 0;
      rfn += goldRisk && !predRisk ? 1 : 0;
      boolean goldCrit = "critical".equals(m.label());
      boolean predCrit = "critical".equals(s.predicted());
      ctp += goldCrit && predCrit ? 1 : 0;
      cfp += !goldCrit && predCrit ? 1 : 0;
      cfn += goldCrit && !predCrit ? 1 : 0;
      if (goldRisk != predRisk || goldCrit != predCrit) {
        errors.add(s);
      }
    }
    return new Report(name, n, new Rate(rtp, rfp, rfn), new Rate(ctp, cfp, cfn), confusion, errors);
  }

  /**
   * Side figures on the same messages: language detection against the gold language (the messages are short chat
   * lines, the hard case), and the sentiment analyser's distress by gold label. Distress uses the same lexicons as
   * risk detection, so it is not an independent check; it shows the score's scale.
   */
  static void otherProviders(List<Message> messages) {
    org.switchboard.workers.ai.LanguageDetector detector =
        new org.switchboard.workers.ai.offline.language.OpenNlpLanguageDetectorFactory()
            .create(org.switchboard.workers.ai.ProviderSettings.none());
    org.switchboard.workers.ai.LanguageDetector preferring =
        new org.switchboard.workers.ai.offline.language.OpenNlpLanguageDetectorFactory()
            .create(new org.switchboard.workers.ai.ProviderSettings(java.util.Map.of("preferredLanguages", "en,es")));
    for (var d : List.of(java.util.Map.entry("no preference", detector),
        java.util.Map.entry("preferredLanguages=en,es", preferring))) {
      int right = 0;
      int und = 0;
      int wrong = 0;
      for (Message m : messages) {
        String guess = d.getValue().detect(m.text()).language();
        if ("und".equals(guess)) {
          und++;
        } else if (guess.equals(m.language())) {
          right++;
        } else {
          wrong++;
        }
      }
      System.out.printf(Locale.ROOT, "Language detection (opennlp, %s) on the %d messages: correct %.3f, und %.3f, "
          + "wrong %.3f%n", d.getKey(), messages.size(), right / (double) messages.size(),
          und / (double) messages.size(), wrong / (double) messages.size());
    }
    var sentiment = new org.switchboard.workers.ai.offline.sentiment.LexiconSentimentAnalyzer();
    StringBuilder line = new StringBuilder("Distress (offline-lexicon sentiment), mean by gold label:");
    for (String label : LABELS) {
      double sum = 0;
      int n = 0;
      for (Message m : messages) {
        if (label.equals(m.label())) {
          sum += sentiment.analyze(m.text(), m.language()).distress();
          n++;
        }
      }
      line.append(String.format(Locale.ROOT, " %s %.2f", label, sum / n));
    }
    System.out.println(line);
  }

  /**
   * {@code bench/run.sh ai-quality [--errors <set>]}: phrases alone on every set; the model and phrases+model in
   * leave-one-writer-out cross-validation on the training sets; all three on the two blind held-out sets.
   */
  public static void main(String[] args) throws Exception {
    LexiconKeywordDetector phrases = new LexiconKeywordDetector();
    Lexicon lexicon = DefaultLexicons.all();
    List<Message> set1 = load();
    List<Message> training = new ArrayList<>();
    for (String resource : org.switchboard.workers.ai.offline.risk.LabelledMessages.TRAINING) {
      training.addAll(load(resource));
    }
    List<Message> heldout2b = load(HELDOUT2);
    List<Message> heldout3 = load(HELDOUT3);
    List<Message> heldout4 = load(HELDOUT4);
    List<Message> heldout5 = load(HELDOUT5);
    RiskDetectionEvaluation lexiconOnly = new RiskDetectionEvaluation(phrases, lexicon);
    System.out.println("Risk detection, default lexicons of every sector (" + lexicon.entries().size()
        + " phrases after pattern expansion)");
    List<Report> printed = new ArrayList<>();
    printed.add(lexiconOnly.evaluate("phrases, set1 dev (tuned on)", set1, m -> "dev".equals(m.split())));
    printed.add(lexiconOnly.evaluate("phrases, set1 test (tuned on in round 2)", set1, m -> "test".equals(m.split())));
    for (String writer : List.of("heldout2-a", "train-w1", "train-w2", "train-w3", "train-w4", "train-w5",
        "train-w6")) {
      printed.add(lexiconOnly.evaluate("phrases, " + writer, training, m -> writer.equals(m.split())));
    }
    // Leave one writer out: the model learns from three writers and is scored on the fourth, the closest the
    // training data gets to "a writer it has never seen".
    java.util.Map<String, java.util.function.Predicate<Message>> writers = new java.util.LinkedHashMap<>();
    writers.put("set1", m -> "dev".equals(m.split()) || "test".equals(m.split()));
    writers.put("heldout2-a", m -> "heldout2-a".equals(m.split()));
    writers.put("train-w1", m -> "train-w1".equals(m.split()));
    writers.put("train-w2", m -> "train-w2".equals(m.split()));
    writers.put("train-w3", m -> "train-w3".equals(m.split()));
    writers.put("train-w4", m -> "train-w4".equals(m.split()));
    writers.put("train-w5", m -> "train-w5".equals(m.split()));
    writers.put("train-w6", m -> "train-w6".equals(m.split()));
    java.util.Map<java.util.function.Predicate<Message>, RiskDetectionEvaluation> folds =
        new java.util.LinkedHashMap<>();
    for (var writer : writers.entrySet()) {
      var model = org.switchboard.workers.ai.offline.risk.RiskModel.train(training.stream()
          .filter(writer.getValue().negate()).map(RiskDetectionEvaluation::labelled).toList());
      printed.add(modelOnly(model).evaluate("model, leave out " + writer.getKey(), training, writer.getValue()));
      RiskDetectionEvaluation fold = combined(model, phrases, lexicon);
      printed.add(fold.evaluate("phrases+model, leave out " + writer.getKey(), training, writer.getValue()));
      folds.put(writer.getValue(), fold);
    }
    // Every training message scored by the model that did not learn from its writer.
    RiskDetectionEvaluation pooled = new RiskDetectionEvaluation(m -> folds.entrySet().stream()
        .filter(f -> f.getKey().test(m)).findFirst().orElseThrow().getValue().score(m));
    printed.add(pooled.evaluate("phrases+model, leave-one-writer-out pooled", training, m -> true));
    var shipped = org.switchboard.workers.ai.offline.risk.RiskModel.shipped();
    for (var set : java.util.Map.of("heldout2-b", heldout2b, "heldout3", heldout3, "heldout4", heldout4,
        "heldout5", heldout5).entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey()).toList()) {
      printed.add(lexiconOnly.evaluate("phrases, " + set.getKey() + " (blind)", set.getValue(), m -> true));
      printed.add(modelOnly(shipped).evaluate("model, " + set.getKey() + " (blind)", set.getValue(), m -> true));
      RiskDetectionEvaluation both = combined(shipped, phrases, lexicon);
      printed.add(both.evaluate("phrases+model, " + set.getKey() + " (blind)", set.getValue(), m -> true));
      for (String lang : List.of("en", "es")) {
        printed.add(both.evaluate("phrases+model, " + set.getKey() + ", " + lang, set.getValue(),
            m -> lang.equals(m.language())));
      }
    }
    List<Message> blind = new ArrayList<>(heldout2b);
    blind.addAll(heldout3);
    blind.addAll(heldout4);
    blind.addAll(heldout5);
    printed.add(lexiconOnly.evaluate("phrases, all blind sets", blind, m -> true));
    printed.add(combined(shipped, phrases, lexicon).evaluate("phrases+model, all blind sets", blind, m -> true));
    printed.forEach(r -> System.out.println(r.format()));
    otherProviders(set1);
    if (args.length > 1 && "--errors".equals(args[0])) {
      for (Report chosen : printed) {
        if (!chosen.name().contains(args[1])) {
          continue;
        }
        System.out.println("Errors in " + chosen.name() + ":");
        for (Scored s : chosen.errors()) {
          System.out.printf(Locale.ROOT, "  #%d gold=%s predicted=%s  %s%n     %s%n", s.message().id(),
              s.message().label(), s.predicted(), s.message().text(), s.matches());
        }
      }
    }
  }

  private static org.switchboard.workers.ai.offline.risk.LabelledMessages.Message labelled(Message m) {
    return new org.switchboard.workers.ai.offline.risk.LabelledMessages.Message(m.id(), m.split(), m.language(),
        m.label(), m.text());
  }
}
