package org.switchboard.workers.ai.offline.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.Summarizer;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;
import org.switchboard.workers.ai.offline.text.TextTokens;
import org.switchboard.workers.ai.offline.text.TextVectors;

/**
 * Offline extractive summaries ({@code offline-extractive}): the conversation is split into sentences, each keeping
 * its speaker ({@code Agent:}, {@code Contact:}, {@code Caller:}, {@code Cliente:}... prefixes), and ranked by
 * TextRank (PageRank over TF-IDF cosine similarity between sentences) multiplied by cues: what the contact says
 * weighs more than what the agent says, the contact's first sentences (usually why they got in touch) more than
 * later ones, sentences with a risk phrase of the survivor-support or healthcare lexicon (not negated) much more,
 * sentences with numbers, days or dates more (they carry the facts a case worker needs), and greetings and thanks hardly at all. The best
 * {@code maxSentences} are returned in conversation order.
 *
 * <p>Key points: every risk finding first ({@code Risk (CRITICAL, weapon): "has a knife"}), then the contact's
 * best-ranked sentences, five at most. Sentences are quoted as written: nothing is paraphrased, so nothing is
 * invented.
 */
public final class ExtractiveSummarizer implements Summarizer {

  public static final String ID = "offline-extractive";
  private static final int MAX_SENTENCES_CONSIDERED = 400;
  private static final int MAX_KEY_POINTS = 5;

  private static final Pattern SPEAKER = Pattern.compile(
      "^\\s*([\\p{L} ]{2,20}?)\\s*:\\s*", Pattern.UNICODE_CASE);
  private static final Set<String> CONTACT_ROLES = Set.of("contact", "caller", "customer", "client", "survivor",
      "patient", "user", "visitor", "contacto", "cliente", "paciente", "usuario", "usuaria", "llamante");
  private static final Set<String> AGENT_ROLES = Set.of("agent", "advisor", "advocate", "bot", "system",
      "caseworker", "agente", "asesor", "asesora", "sistema", "operador", "operadora");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\n+");
  private static final Set<String> PLEASANTRIES = Set.of("hi", "hello", "hey", "thanks", "thank", "bye", "ok",
      "okay", "hola", "gracias", "adios", "vale", "buenas", "buenos", "dias", "tardes", "noches", "welcome", "yes",
      "no", "si", "sure", "great", "perfect", "perfecto", "you", "very", "much", "muchas", "good", "morning",
      "afternoon", "evening", "de", "nada", "to", "for", "your", "help", "ayuda", "la", "por");
  private static final Pattern FACT = Pattern.compile("\\d|\\b(?i:monday|tuesday|wednesday|thursday|friday|saturday"
      + "|sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo|tomorrow|yesterday|tonight|mañana|ayer|hoy)\\b");

  private final LexiconKeywordDetector keywords = new LexiconKeywordDetector();
  private final Lexicon risk;

  public ExtractiveSummarizer() {
    risk = DefaultLexicons.safety();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "textrank-cues-1";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public Availability availability() {
    return Availability.ok();
  }

  private enum Role { CONTACT, AGENT, UNKNOWN }

  private record Sentence(int position, Role role, String speaker, String text) {
  }

  @Override
  public Summary summarize(List<String> utterances, String language, int maxSentences) {
    int max = maxSentences <= 0 ? 3 : maxSentences;
    List<Sentence> sentences = split(utterances);
    if (sentences.isEmpty()) {
      return new Summary("", List.of());
    }
    int n = sentences.size();
    TextVectors vectors = TextVectors.fit(sentences.stream().map(Sentence::text).toList());
    List<TextVectors.Vector> v = sentences.stream().map(s -> vectors.vector(s.text())).toList();
    double[][] w = new double[n][n];
    double[] outWeight = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = TextVectors.similarity(v.get(i), v.get(j));
        w[i][j] = s;
        w[j][i] = s;
        outWeight[i] += s;
        outWeight[j] += s;
      }
    }
    double[] rank = new double[n];
    java.util.Arrays.fill(rank, 1.0 / n);
    for (int iteration = 0; iteration < 30; iteration++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          if (w[j][i] > 0 && outWeight[j] > 0) {
            sum += w[j][i] / outWeight[j] * rank[j];
          }
        }
        next[i] = 0.15 / n + 0.85 * sum;
      }
      rank = next;
    }
    double[] score = new double[n];
    List<String> riskPoints = new ArrayList<>();
    Set<String> seenRisk = new LinkedHashSet<>();
    int contactSeen = 0;
    for (int i = 0; i < n; i++) {
      Sentence s = sentences.get(i);
      double cue = 1;
      if (s.role() == Role.CONTACT) {
        cue *= contactSeen < 2 ? 1.5 : 1.3;
        contactSeen++;
      } else if (s.role() == Role.AGENT) {
        cue *= 0.7;
      }
      Severity worst = null;
      for (KeywordMatch m : keywords.detect(s.text(), language, risk)) {
        if (m.negated()) {
          continue;
        }
        worst = worst == null || m.severity().compareTo(worst) > 0 ? m.severity() : worst;
        String quoted = s.text().substring(m.start(), m.end());
        if (m.severity().compareTo(Severity.MEDIUM) >= 0 && seenRisk.add(quoted.toLowerCase(Locale.ROOT))) {
          riskPoints.add("Risk (" + m.severity() + ", " + m.category() + "): \"" + quoted + "\"");
        }
      }
      if (worst != null) {
        cue *= switch (worst) {
          case CRITICAL -> 3.0;
          case HIGH -> 2.2;
          case MEDIUM -> 1.5;
          case LOW -> 1.1;
        };
      }
      if (FACT.matcher(s.text()).find()) {
        cue *= 1.4;
      }
      if (isPleasantry(s.text())) {
        cue *= 0.1;
      }
      score[i] = (rank[i] + 1.0 / n) * cue;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
    List<Integer> chosen = new ArrayList<>(order.subList(0, Math.min(max, n)));
    chosen.sort(Integer::compareTo);
    boolean speakers = sentences.stream().anyMatch(s -> s.speaker() != null);
    StringBuilder text = new StringBuilder();
    for (int i : chosen) {
      Sentence s = sentences.get(i);
      if (!text.isEmpty()) {
        text.append(' ');
      }
      if (speakers && s.speaker() != null) {
        text.append(s.speaker()).append(": ");
      }
      text.append(s.text());
    }
    List<String> keyPoints = new ArrayList<>(riskPoints);
    for (int i : order) {
      if (keyPoints.size() >= MAX_KEY_POINTS) {
        break;
      }
      Sentence s = sentences.get(i);
      if (s.role() != Role.AGENT && !isPleasantry(s.text())) {
        keyPoints.add(s.text().length() > 160 ? s.text().substring(0, 157) + "..." : s.text());
      }
    }
    return new Summary(text.toString(), keyPoints.subList(0, Math.min(MAX_KEY_POINTS, keyPoints.size())));
  }

  private static List<Sentence> split(List<String> utterances) {
    List<Sentence> out = new ArrayList<>();
    if (utterances == null) {
      return out;
    }
    for (String utterance : utterances) {
      if (utterance == null || utterance.isBlank()) {
        continue;
      }
      String body = utterance;
      String speaker = null;
      Role role = Role.UNKNOWN;
      Matcher m = SPEAKER.matcher(utterance);
      if (m.find()) {
        String label = m.group(1).strip();
        String key = TextTokens.fold(label);
        if (CONTACT_ROLES.contains(key)) {
          role = Role.CONTACT;
        } else if (AGENT_ROLES.contains(key)) {
          role = Role.AGENT;
        }
        if (role != Role.UNKNOWN) {
          speaker = label;
          body = utterance.substring(m.end());
        }
      }
      for (String sentence : SENTENCE_END.split(body)) {
        String s = sentence.strip();
        if (!s.isEmpty() && out.size() < MAX_SENTENCES_CONSIDERED) {
          out.add(new Sentence(out.size(), role, speaker, s));
        }
      }
    }
    return out;
  }

  private static boolean isPleasantry(String sentence) {
    List<TextTokens.Token> tokens = TextTokens.tokenize(sentence);
    if (tokens.size() > 6) {
      return false;
    }
    return tokens.stream().allMatch(t -> PLEASANTRIES.contains(t.norm()) || PLEASANTRIES.contains(TextTokens.fold(
        sentence.substring(t.start(), t.end()))));
  }
}
