package org.switchboard.workers.ai.offline.language;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.switchboard.workers.ai.LanguageDetector;

/**
 * Offline language detection ({@code opennlp}) with Apache OpenNLP's langdetect model (103 languages, the
 * {@code opennlp-models-langdetect} artifact from Maven Central). The model answers in ISO 639-3; we answer in
 * ISO 639-1 where one exists (the 639-3 code otherwise).
 *
 * <p>Confidence: the model's probabilities are spread over 103 languages (a clear English sentence gets 0.08), so
 * they say little on their own. What matters is how far the chosen language is ahead of the runner-up:
 * confidence is {@code 1 - (p₂/p₁)²}, and below {@code minMargin} (default 0.1) the answer is {@code und}.
 *
 * <p>Short texts: character n-gram models guess badly on a few words, so below {@code minLetters} letters
 * (default 8) the answer is {@code und}, and up to {@code fullConfidenceLetters} (default 40) the confidence is
 * scaled down in proportion. For short texts a tenant's {@code preferredLanguages} (e.g. {@code en,es}) win over
 * the top guess when their probability is at least half of it: a Spanish help line's "hola, ayuda" should not come
 * back as Galician.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {

  public static final String ID = "opennlp";
  static final String MODEL = "langdetect-183.bin";

  private static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

  private final LanguageDetectorME detector;
  private final String unavailableReason;
  private final int minLetters;
  private final int fullConfidenceLetters;
  private final List<String> preferred;
  private final double minMargin;

  public OpenNlpLanguageDetector(LanguageDetectorModel model, int minLetters, int fullConfidenceLetters,
      List<String> preferred, double minMargin) {
    this.minMargin = minMargin;
    this.detector = model == null ? null : new LanguageDetectorME(model);
    this.unavailableReason = model == null ? "OpenNLP langdetect model " + MODEL + " not on the classpath" : null;
    this.minLetters = minLetters;
    this.fullConfidenceLetters = Math.max(minLetters, fullConfidenceLetters);
    this.preferred = List.copyOf(preferred);
  }

  /** Loads the model from the classpath; null when the model artifact is missing. */
  public static LanguageDetectorModel loadModel() {
    try (InputStream in = OpenNlpLanguageDetector.class.getClassLoader().getResourceAsStream(MODEL)) {
      return in == null ? null : new LanguageDetectorModel(in);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "opennlp-langdetect-183";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public Availability availability() {
    return unavailableReason == null ? Availability.ok() : Availability.unavailable(unavailableReason);
  }

  @Override
  public LanguageGuess detect(String text) {
    if (detector == null) {
      throw new org.switchboard.workers.ai.AiUnavailableException(unavailableReason);
    }
    int letters = text == null ? 0 : (int) text.codePoints().filter(Character::isLetter).count();
    if (letters < minLetters) {
      return new LanguageGuess("und", 0);
    }
    Language[] ranked;
    synchronized (detector) {
      ranked = detector.predictLanguages(text);
    }
    Language best = ranked[0];
    boolean shortText = letters < fullConfidenceLetters;
    if (shortText && !preferred.isEmpty() && !preferred.contains(toIso1(best.getLang()))) {
      for (Language candidate : ranked) {
        if (preferred.contains(toIso1(candidate.getLang())) && candidate.getConfidence() >= best.getConfidence() / 2) {
          best = candidate;
          break;
        }
      }
    }
    double runnerUp = 0;
    for (Language other : ranked) {
      if (other != best) {
        runnerUp = Math.max(runnerUp, other.getConfidence());
      }
    }
    double ratio = runnerUp / best.getConfidence();
    double confidence = Math.max(0, 1 - ratio * ratio);
    if (confidence < minMargin) {
      return new LanguageGuess("und", 0);
    }
    if (shortText) {
      confidence *= (double) letters / fullConfidenceLetters;
    }
    return new LanguageGuess(toIso1(best.getLang()), Math.round(confidence * 1000) / 1000.0);
  }

  static String toIso1(String iso3) {
    return ISO3_TO_ISO1.getOrDefault(iso3, iso3);
  }

  private static Map<String, String> iso3ToIso1() {
    Map<String, String> map = new HashMap<>();
    for (String iso1 : Locale.getISOLanguages()) {
      try {
        map.put(Locale.forLanguageTag(iso1).getISO3Language(), iso1);
      } catch (MissingResourceException e) {
        // a two-letter code without a three-letter one: nothing to map
      }
    }
    // macro-language members and codes the langdetect model uses that are not ISO 639-2 terminology codes
    map.putAll(Map.ofEntries(Map.entry("cmn", "zh"), Map.entry("pes", "fa"), Map.entry("swh", "sw"),
        Map.entry("ekk", "et"), Map.entry("lvs", "lv"), Map.entry("nob", "nb"), Map.entry("nno", "nn"),
        Map.entry("zsm", "ms"), Map.entry("arb", "ar"), Map.entry("azj", "az"), Map.entry("uzn", "uz"),
        Map.entry("khk", "mn"), Map.entry("plt", "mg"), Map.entry("ydd", "yi"), Map.entry("gug", "gn"),
        Map.entry("quz", "qu"), Map.entry("als", "sq"), Map.entry("fas", "fa"), Map.entry("zho", "zh"),
        Map.entry("msa", "ms"), Map.entry("ori", "or"), Map.entry("npi", "ne"), Map.entry("lav", "lv"),
        Map.entry("est", "et"), Map.entry("nep", "ne"), Map.entry("pan", "pa"), Map.entry("sqi", "sq"),
        Map.entry("fra", "fr"), Map.entry("deu", "de"), Map.entry("nld", "nl"), Map.entry("ces", "cs"),
        Map.entry("ell", "el"), Map.entry("eus", "eu"), Map.entry("hye", "hy"), Map.entry("isl", "is"),
        Map.entry("kat", "ka"), Map.entry("mkd", "mk"), Map.entry("mri", "mi"), Map.entry("mya", "my"),
        Map.entry("ron", "ro"), Map.entry("slk", "sk"), Map.entry("bod", "bo"), Map.entry("cym", "cy")));
    return Map.copyOf(map);
  }
}
