package org.switchboard.caseapi.ai.nextaction;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.knowledgebase.TenantKnowledgeBase;
import org.switchboard.workers.ai.Chatbot.FaqEntry;
import org.switchboard.workers.ai.offline.faq.DefaultFaqs;

/**
 * The knowledge-base entries closest to a message: word overlap (Dice) against the question and its alternatives,
 * best variant per entry. Runs here, on text that never leaves the process, so it needs no AI toggle.
 */
@Component
public class KnowledgeBaseRetrieval {

  static final double MIN_SCORE = 0.2;
  static final int MAX_ENTRIES = 3;

  /** Words that carry no topic: a question about refunds and one about tracking share "how do I". */
  private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "i", "my", "me", "is", "are", "do", "does",
      "did", "how", "what", "when", "where", "can", "to", "of", "and", "or", "for", "in", "on", "it", "you", "your",
      "we", "our", "be", "have", "has", "with", "at", "this", "that", "please", "hi", "hello", "want", "would",
      "like", "get", "el", "la", "los", "las", "de", "mi", "un", "una", "y", "o", "que", "en", "por", "para",
      "como", "cuando", "donde", "es", "se", "lo", "al", "del");

  /**
   * @param faqId the entry's id: the article id for the tenant's articles, {@code <id>-<language>} for the shipped
   *     FAQ
   * @param articleId the tenant's article, null for a shipped entry
   * @param source {@code TENANT} or {@code SECTOR_DEFAULTS} ({@link TenantKnowledgeBase.Source})
   */
  public record Hit(String faqId, String articleId, String source, String question, String answer, double score) {
  }

  /** The sector's shipped FAQ only. */
  public List<Hit> bestMatches(String sector, String text) {
    if (!DefaultFaqs.SECTORS.contains(sector)) {
      return List.of();
    }
    return bestMatches(new TenantKnowledgeBase.Candidates(TenantKnowledgeBase.Source.SECTOR_DEFAULTS,
        DefaultFaqs.forSector(sector, null).stream().map(e -> new TenantKnowledgeBase.Candidate(e, null)).toList()),
        text, null);
  }

  /** @param language the message's language when known (entries in it only, if there are any), else null */
  public List<Hit> bestMatches(TenantKnowledgeBase.Candidates candidates, String text, String language) {
    if (text == null || text.isBlank() || candidates.all().isEmpty()) {
      return List.of();
    }
    Set<String> words = words(text);
    if (words.isEmpty()) {
      return List.of();
    }
    boolean tenant = candidates.source() == TenantKnowledgeBase.Source.TENANT;
    return candidates.entries(language).stream()
        .map(entry -> new Hit(entry.id(), tenant ? entry.id() : null, candidates.source().name(), entry.question(),
            entry.answer(), score(words, entry)))
        .filter(hit -> hit.score() >= MIN_SCORE)
        .sorted(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::faqId))
        .limit(MAX_ENTRIES)
        .toList();
  }

  private static double score(Set<String> words, FaqEntry entry) {
    double best = Stream.concat(Stream.of(entry.question()), entry.alternativeQuestions().stream())
        .map(KnowledgeBaseRetrieval::words)
        .mapToDouble(question -> dice(words, question))
        .max().orElse(0);
    return Math.round(best * 1000) / 1000.0;
  }

  private static double dice(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return 2.0 * common.size() / (a.size() + b.size());
  }

  /** Lower case, accents folded, a crude plural/verb-ending strip so "refunds" meets "refund". */
  static Set<String> words(String text) {
    String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
    return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+"))
        .filter(w -> w.length() > 1 && !STOP_WORDS.contains(w))
        .map(w -> w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
        .collect(Collectors.toSet());
  }
}
