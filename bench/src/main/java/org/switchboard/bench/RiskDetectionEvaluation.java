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

  public static final String RESOURCE = "ai-quality/risk-messages.csv";
  /** Written blind (the writer saw neither the lexicons nor the first set) and committed before any tuning on it. */
  public static final String HELDOUT2 = "ai-quality/risk-messages-heldout2.csv";
  /** A third blind writer's messages, committed before they were ever scored. */
  public static final String HELDOUT3 = "ai-quality/risk-messages-heldout3.csv";
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

  private final KeywordDetector detector;
  private final Lexicon lexicon;

  public RiskDetectionEvaluation(KeywordDetector detector, Lexicon lexicon) {
    this.detector = detector;
    this.lexicon = lexicon;
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
    List<KeywordMatch> matches = detector.detect(m.text(), m.language(), lexicon);
    return new Scored(m, label(LexiconKeywordDetector.highest(matches)), matches);
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

  /** {@code bench/run.sh ai-quality [--errors dev]}: prints dev, held-out test and all; errors of one split on request. */
  public static void main(String[] args) throws Exception {
    List<Message> messages = load();
    RiskDetectionEvaluation evaluation = new RiskDetectionEvaluation(new LexiconKeywordDetector(), DefaultLexicons.all());
    System.out.println("Risk detection, offline-lexicon, default lexicons of every sector ("
        + DefaultLexicons.all().entries().size() + " entries)");
    Report dev = evaluation.evaluate("dev (tuned on)", messages, m -> "dev".equals(m.split()));
    Report test = evaluation.evaluate("test (held out)", messages, m -> "test".equals(m.split()));
    Report all = evaluation.evaluate("all", messages, m -> true);
    System.out.println(dev.format());
    System.out.println(test.format());
    System.out.println(all.format());
    for (String lang : List.of("en", "es")) {
      System.out.println(evaluation.evaluate("all, " + lang, messages, m -> lang.equals(m.language())).format());
    }
    List<Message> heldout2 = load(HELDOUT2);
    Report second = evaluation.evaluate("heldout2 (blind)", heldout2, m -> true);
    Report secondA = evaluation.evaluate("heldout2-a (odd ids: errors looked at in round 2)", heldout2,
        m -> m.id() % 2 == 1);
    Report secondB = evaluation.evaluate("heldout2-b (even ids: never looked at)", heldout2, m -> m.id() % 2 == 0);
    System.out.println(second.format());
    System.out.println(secondA.format());
    System.out.println(secondB.format());
    List<Message> heldout3 = load(HELDOUT3);
    Report third = evaluation.evaluate("heldout3 (blind, never looked at)", heldout3, m -> true);
    System.out.println(third.format());
    for (String lang : List.of("en", "es")) {
      System.out.println(evaluation.evaluate("heldout3, " + lang, heldout3, m -> lang.equals(m.language())).format());
    }
    for (String lang : List.of("en", "es")) {
      System.out.println(evaluation.evaluate("heldout2, " + lang, heldout2, m -> lang.equals(m.language())).format());
    }
    otherProviders(messages);
    if (args.length > 1 && "--errors".equals(args[0])) {
      Report chosen = switch (args[1]) {
        case "test" -> test;
        case "all" -> all;
        case "heldout2" -> second;
        case "heldout2-a" -> secondA;
        default -> dev;
      };
      System.out.println("Errors in " + chosen.name() + ":");
      for (Scored s : chosen.errors()) {
        System.out.printf(Locale.ROOT, "  #%d gold=%s predicted=%s  %s%n     %s%n", s.message().id(), s.message().label(),
            s.predicted(), s.message().text(), s.matches());
      }
    }
  }
}
