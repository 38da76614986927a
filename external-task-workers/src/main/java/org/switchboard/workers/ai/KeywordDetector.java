package org.switchboard.workers.ai;

import java.util.List;

/** Finds risk phrases of a lexicon in text: multi-word, multi-language, negation-aware, linear in the text length. */
public interface KeywordDetector extends AiProvider {

  List<KeywordMatch> detect(String text, String language, Lexicon lexicon);

  /** A lexicon (per tenant and sector); {@code version} changes with every edit and is part of cache keys. */
  record Lexicon(String id, String version, List<Entry> entries) {
    public Lexicon {
      entries = List.copyOf(entries);
    }

    /** {@code language} is an ISO 639-1 code, or null for every language. */
    public record Entry(String phrase, String language, Severity severity, String category) {
    }
  }

  /** {@code start}/{@code end} are char offsets in the text ({@code end} exclusive). */
  record KeywordMatch(String phrase, int start, int end, Severity severity, String category, boolean negated) {
  }
}
