package org.switchboard.workers.ai.offline.faq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;
import org.switchboard.workers.ai.offline.text.TextVectors;

/**
 * Offline FAQ bot ({@code offline-faq}). Answers from the tenant's knowledge base by similarity of the message to
 * each entry's question and alternative questions (TF-IDF over words and character n-grams, {@link TextVectors});
 * confidence is {@code min(1, similarity / 0.5)}. It hands the conversation to a person, with a reason, when:
 * <ul>
 *   <li>the person asks for one ({@code talk to a person}, {@code agent}, {@code hablar con alguien}; negation
 *       aware, so "I don't need an agent" is not a request) — reason {@code requested-human};</li>
 *   <li>the message carries a HIGH or CRITICAL risk phrase of the survivor-support or healthcare lexicon — reason
 *       {@code risk:<category>}: a bot must not answer "he has a gun" with opening hours;</li>
 *   <li>the best entry is below {@code threshold} (setting, default 0.5) — reason {@code low-confidence};</li>
 *   <li>the message is empty or there is no knowledge base — reasons {@code empty-message}, {@code no-knowledge-base}.</li>
 * </ul>
 * A turn without a knowledge base uses the shipped FAQ of the {@code sector} setting, if given.
 */
public final class FaqChatbot implements Chatbot {

  public static final String ID = "offline-faq";
  static final double FULL_SIMILARITY = 0.5;

  private static final Lexicon HUMAN_REQUEST = new Lexicon("human-request", "1", entries(
      "talk to a person", "talk to someone", "talk to somebody", "talk to a human", "speak to a person",
      "speak to someone", "speak to a human", "real person", "a human", "an agent", "agent", "operator",
      "representative", "talk to a counsellor", "speak to a counsellor", "live person", "customer service person",
      "hablar con alguien", "hablar con una persona", "hablar con un agente", "hablar con un humano",
      "persona real", "un humano", "una persona", "operador", "operadora", "asesor", "asesora", "agente"));
  private static final Lexicon RISK = risk();

  private final double threshold;
  private final String sector;
  private final LexiconKeywordDetector keywords = new LexiconKeywordDetector();
  private final Map<Integer, Index> indexes = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Index> eldest) {
      return size() > 64;
    }
  });

  private record Index(TextVectors vectors, List<FaqEntry> entries, List<List<TextVectors.Vector>> questions) {
  }

  public FaqChatbot(double threshold, String sector) {
    this.threshold = threshold;
    this.sector = sector;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "tfidf-faq-1";
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
  public BotReply reply(BotTurn turn) {
    String text = turn.text();
    if (text == null || text.isBlank()) {
      return handoff(0, "empty-message");
    }
    String language = turn.language();
    if (keywords.detect(text, language, HUMAN_REQUEST).stream().anyMatch(m -> !m.negated())) {
      return handoff(1, "requested-human");
    }
    for (KeywordMatch m : keywords.detect(text, language, RISK)) {
      if (!m.negated() && m.severity().compareTo(Severity.HIGH) >= 0) {
        return new BotReply(null, 1, true, null, "risk:" + m.category());
      }
    }
    List<FaqEntry> kb = turn.knowledgeBase();
    if (kb.isEmpty() && sector != null) {
      kb = DefaultFaqs.forSector(sector, language == null || "und".equals(language) ? null : language);
    }
    if (kb.isEmpty()) {
      return handoff(0, "no-knowledge-base");
    }
    Index index = index(kb);
    TextVectors.Vector v = index.vectors().vector(text);
    double best = 0;
    int bestEntry = -1;
    for (int i = 0; i < index.entries().size(); i++) {
      for (TextVectors.Vector q : index.questions().get(i)) {
        double s = TextVectors.similarity(v, q);
        if (s > best) {
          best = s;
          bestEntry = i;
        }
      }
    }
    double confidence = Math.round(Math.min(1, best / FULL_SIMILARITY) * 1000) / 1000.0;
    if (bestEntry < 0 || confidence < threshold) {
      return new BotReply(null, confidence, true, bestEntry < 0 ? null : index.entries().get(bestEntry).id(),
          "low-confidence");
    }
    FaqEntry entry = index.entries().get(bestEntry);
    return new BotReply(entry.answer(), confidence, false, entry.id(), null);
  }

  private static BotReply handoff(double confidence, String reason) {
    return new BotReply(null, confidence, true, null, reason);
  }

  private Index index(List<FaqEntry> kb) {
    int key = kb.hashCode();
    Index index = indexes.get(key);
    if (index == null || !index.entries().equals(kb)) {
      List<String> all = new ArrayList<>();
      for (FaqEntry e : kb) {
        all.add(e.question());
        all.addAll(e.alternativeQuestions());
      }
      TextVectors vectors = TextVectors.fit(all);
      List<List<TextVectors.Vector>> questions = new ArrayList<>();
      for (FaqEntry e : kb) {
        List<TextVectors.Vector> qs = new ArrayList<>();
        qs.add(vectors.vector(e.question()));
        e.alternativeQuestions().forEach(q -> qs.add(vectors.vector(q)));
        questions.add(qs);
      }
      index = new Index(vectors, List.copyOf(kb), questions);
      indexes.put(key, index);
    }
    return index;
  }

  private static List<Lexicon.Entry> entries(String... phrases) {
    List<Lexicon.Entry> out = new ArrayList<>();
    for (String p : phrases) {
      out.add(new Lexicon.Entry(p, null, Severity.LOW, "human-request"));
    }
    return out;
  }

  private static Lexicon risk() {
    return DefaultLexicons.safety();
  }
}
