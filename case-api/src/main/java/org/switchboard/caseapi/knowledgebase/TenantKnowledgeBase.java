package org.switchboard.caseapi.knowledgebase;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.Chatbot.FaqEntry;
import org.switchboard.workers.ai.offline.faq.DefaultFaqs;

/**
 * Where bot answers and knowledge-base suggestions come from: the tenant's published articles; only when the tenant
 * has none, the shipped FAQ of the sector. Read from the database on every call (one indexed query), so a change
 * takes effect on the next turn on every node without a cache to invalidate.
 */
@Component
public class TenantKnowledgeBase {

  private final KnowledgeArticleRepository articles;

  public TenantKnowledgeBase(KnowledgeArticleRepository articles) {
    this.articles = articles;
  }

  public enum Source {
    /** The tenant's published articles; entry ids are article ids. */
    TENANT,
    /** The shipped FAQ of the sector ({@code ai/offline/faq/<sector>.tsv}); entry ids are {@code <id>-<language>}. */
    SECTOR_DEFAULTS,
    /** No published article and no shipped FAQ for the sector. */
    NONE
  }

  /** One answerable entry and its language. */
  public record Candidate(FaqEntry entry, String language) {
  }

  /** Everything that could answer, before the message's language is known. */
  public record Candidates(Source source, List<Candidate> all) {

    public Set<String> languages() {
      Set<String> languages = new TreeSet<>();
      all.forEach(c -> languages.add(c.language()));
      return languages;
    }

    /**
     * The entries in the message's language; all of them when the language is unknown ({@code null} or
     * {@code und}) or none is written in it (the similarity ranking then decides, and a question in a language the
     * knowledge base does not speak is handed to a person for low confidence).
     */
    public List<FaqEntry> entries(String language) {
      boolean known = language != null && !language.isBlank() && !"und".equals(language);
      List<Candidate> chosen = known && all.stream().anyMatch(c -> c.language().equals(language))
          ? all.stream().filter(c -> c.language().equals(language)).toList()
          : all;
      return chosen.stream().map(Candidate::entry).toList();
    }
  }

  /** @param sector the sector whose shipped FAQ stands in when the tenant has no published article; may be null */
  public Candidates candidates(String tenantId, String sector) {
    List<Candidate> published = articles.published(tenantId).stream()
        .map(a -> new Candidate(new FaqEntry(a.id(), a.question(), a.alternativeQuestions(), a.answer()),
            a.language()))
        .toList();
    if (!published.isEmpty()) {
      return new Candidates(Source.TENANT, published);
    }
    if (sector == null || !DefaultFaqs.SECTORS.contains(sector)) {
      return new Candidates(Source.NONE, List.of());
    }
    return new Candidates(Source.SECTOR_DEFAULTS, DefaultFaqs.forSector(sector, null).stream()
        .map(e -> new Candidate(e, defaultLanguage(e))).toList());
  }

  /** Shipped FAQ ids are {@code <id>-<language>} (DefaultFaqs). */
  static String defaultLanguage(FaqEntry entry) {
    return entry.id().substring(entry.id().lastIndexOf('-') + 1);
  }
}
