package org.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;

/**
 * Keyword detection throughput with a 5,000-phrase lexicon (the shipped lexicons plus generated two- and
 * three-word phrases), next to a naive baseline on the same messages and machine: one case-insensitive regex
 * alternation of every phrase ({@code \b(?:p1|p2|...)\b}), scanned with {@code Matcher.find()}. The baseline does
 * less work (no normalisation, no typo tolerance, no negation), so the ratio understates the difference in matching.
 *
 * <p>Usage: {@code bench/run.sh ai-quality} runs it after the evaluation; {@code [seconds=5]} per measurement.
 */
public final class KeywordThroughputBenchmark {

  static final int PHRASES = 5000;

  private KeywordThroughputBenchmark() {
  }

  public static Lexicon lexicon(int size) {
    // The shipped lexicons expand to far more than 5,000 phrases (word-class patterns): a seeded sample of them,
    // topped up with synthetic phrases when they are fewer, keeps the size fixed.
    List<Lexicon.Entry> shipped = new ArrayList<>(DefaultLexicons.all().entries());
    java.util.Collections.shuffle(shipped, new Random(7));
    List<Lexicon.Entry> entries = new ArrayList<>(shipped.subList(0, Math.min(size, shipped.size())));
    String[] a = ("lost missing broken late unpaid blocked frozen cancelled delayed wrong extra double damaged "
        + "perdido roto tarde bloqueado cancelado retrasado equivocado dañado").split(" ");
    String[] b = ("parcel invoice refund payment account card order delivery meter bill router contract tariff "
        + "subscription voucher password appointment prescription referral paquete factura reembolso pago cuenta "
        + "tarjeta pedido entrega contador recibo contrato cita receta").split(" ");
    String[] c = ("again today yesterday twice still urgently weekly monthly otra vez hoy ayer todavia").split(" ");
    Random random = new Random(42);
    Set<String> seen = new LinkedHashSet<>();
    for (Lexicon.Entry e : entries) {
      seen.add(e.phrase());
    }
    while (entries.size() < size) {
      String phrase = a[random.nextInt(a.length)] + " " + b[random.nextInt(b.length)]
          + (random.nextBoolean() ? " " + c[random.nextInt(c.length)] : "") + " " + random.nextInt(100);
      if (seen.add(phrase)) {
        entries.add(new Lexicon.Entry(phrase, null, Severity.LOW, "synthetic"));
      }
    }
    return new Lexicon("bench-" + size, "1", entries);
  }

  public static Pattern alternation(Lexicon lexicon) {
    StringBuilder regex = new StringBuilder("\\b(?:");
    boolean first = true;
    for (Lexicon.Entry e : lexicon.entries()) {
      if (!first) {
        regex.append('|');
      }
      regex.append(Pattern.quote(e.phrase()));
      first = false;
    }
    return Pattern.compile(regex.append(")\\b").toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    List<RiskDetectionEvaluation.Message> messages = RiskDetectionEvaluation.load();
    run("short messages (one labelled message each)", messages, seconds);
    List<RiskDetectionEvaluation.Message> joined = new ArrayList<>();
    for (int i = 0; i + 10 <= messages.size(); i += 10) {
      StringBuilder text = new StringBuilder();
      for (int k = i; k < i + 10; k++) {
        text.append(messages.get(k).text()).append(". ");
      }
      joined.add(new RiskDetectionEvaluation.Message(i, "all", null, "none", text.toString()));
    }
    run("long messages (ten labelled messages joined)", joined, seconds);
    shippedLexicon(messages, seconds);
  }

  /**
   * The whole shipped lexicon (every sector, word-class patterns expanded): what a node really compiles and holds.
   * No regex baseline here: an alternation of that many phrases is not a realistic alternative.
   */
  private static void shippedLexicon(List<RiskDetectionEvaluation.Message> messages, double seconds) {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    long t0 = System.nanoTime();
    Lexicon shipped = DefaultLexicons.all();
    double parseMs = (System.nanoTime() - t0) / 1e6;
    LexiconKeywordDetector detector = new LexiconKeywordDetector();
    t0 = System.nanoTime();
    detector.prepare(shipped);
    double buildMs = (System.nanoTime() - t0) / 1e6;
    System.gc();
    long after = runtime.totalMemory() - runtime.freeMemory();
    int[] sink = new int[1];
    Runnable ours = () -> {
      for (RiskDetectionEvaluation.Message m : messages) {
        sink[0] += detector.detect(m.text(), m.language(), shipped).size();
      }
    };
    measure(ours, Math.min(2, seconds), messages.size());
    double rate = measure(ours, seconds, messages.size());
    System.out.printf(java.util.Locale.ROOT, "Shipped lexicon: %d phrases after expansion, parsed in %.0f ms, automaton "
        + "built in %.0f ms, about %d MB retained (lexicon + automaton); short messages: %.0f messages/s%n",
        shipped.entries().size(), parseMs, buildMs, (after - before) / (1024 * 1024), rate);
    t0 = System.nanoTime();
    org.switchboard.workers.ai.offline.risk.RiskModel.shipped();
    double trainMs = (System.nanoTime() - t0) / 1e6;
    LexiconKeywordDetector withModel = new LexiconKeywordDetector(true);
    Runnable both = () -> {
      for (RiskDetectionEvaluation.Message m : messages) {
        sink[0] += withModel.detect(m.text(), m.language(), shipped).size();
      }
    };
    measure(both, Math.min(2, seconds), messages.size());
    System.out.printf(java.util.Locale.ROOT, "Shipped lexicon + risk model (trained in %.0f ms on first use): short "
        + "messages: %.0f messages/s%n", trainMs, measure(both, seconds, messages.size()));
  }

  private static void run(String name, List<RiskDetectionEvaluation.Message> messages, double seconds) {
    Lexicon lexicon = lexicon(PHRASES);
    LexiconKeywordDetector detector = new LexiconKeywordDetector();
    long t0 = System.nanoTime();
    detector.prepare(lexicon);
    double buildMs = (System.nanoTime() - t0) / 1e6;
    t0 = System.nanoTime();
    Pattern regex = alternation(lexicon);
    double regexMs = (System.nanoTime() - t0) / 1e6;

    int[] sink = new int[1];
    Runnable ours = () -> {
      for (RiskDetectionEvaluation.Message m : messages) {
        sink[0] += detector.detect(m.text(), m.language(), lexicon).size();
      }
    };
    Runnable baseline = () -> {
      for (RiskDetectionEvaluation.Message m : messages) {
        Matcher matcher = regex.matcher(m.text());
        while (matcher.find()) {
          sink[0]++;
        }
      }
    };
    measure(ours, Math.min(2, seconds), messages.size());
    measure(baseline, Math.min(2, seconds), messages.size());
    double oursRate = measure(ours, seconds, messages.size());
    double baselineRate = measure(baseline, seconds, messages.size());
    double avgChars = messages.stream().mapToInt(m -> m.text().length()).average().orElse(0);
    System.out.printf(Locale.ROOT, "Keyword detection, %s: %d-phrase lexicon, %d messages (avg %.0f chars), 1 thread, "
        + "%d cores%n", name, lexicon.entries().size(), messages.size(), avgChars,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "  offline-lexicon (Aho-Corasick, normalised)  %12.0f messages/s   (build %.0f ms)%n",
        oursRate, buildMs);
    System.out.printf(Locale.ROOT, "  naive regex alternation (baseline)          %12.0f messages/s   (compile %.0f ms)%n",
        baselineRate, regexMs);
    System.out.printf(Locale.ROOT, "  ratio offline-lexicon / regex               %12.1f x%n", oursRate / baselineRate);
    if (sink[0] == 42) {
      System.out.println();
    }
  }

  private static double measure(Runnable pass, double seconds, int perPass) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long passes = 0;
    do {
      pass.run();
      passes++;
    } while (System.nanoTime() < deadline);
    return passes * perPass / ((System.nanoTime() - start) / 1e9);
  }
}
