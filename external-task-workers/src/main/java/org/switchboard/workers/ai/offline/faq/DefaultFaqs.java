package org.switchboard.workers.ai.offline.faq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.switchboard.workers.ai.Chatbot.FaqEntry;

/**
 * The FAQ shipped per sector, {@code ai/offline/faq/<sector>.tsv}:
 * {@code id<TAB>language<TAB>question | alternative | ...<TAB>answer}. A tenant's knowledge base starts as a copy
 * and is theirs to edit; the offline bot falls back to this one only when a turn carries no knowledge base.
 */
public final class DefaultFaqs {

  public static final List<String> SECTORS = List.of("survivor-support", "healthcare", "customer-service");

  private DefaultFaqs() {
  }

  /** @param language ISO 639-1, or null for every language */
  public static List<FaqEntry> forSector(String sector, String language) {
    if (!SECTORS.contains(sector)) {
      throw new IllegalArgumentException("no default FAQ for sector " + sector);
    }
    String resource = "ai/offline/faq/" + sector + ".tsv";
    List<FaqEntry> entries = new ArrayList<>();
    try (InputStream in = DefaultFaqs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 4) {
          throw new IllegalStateException(resource + ": expected id, language, questions, answer: " + line);
        }
        if (language != null && !language.equals(f[1].strip())) {
          continue;
        }
        List<String> questions = Arrays.stream(f[2].split("\\|")).map(String::strip).toList();
        entries.add(new FaqEntry(f[0].strip() + "-" + f[1].strip(), questions.get(0),
            questions.subList(1, questions.size()), f[3].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
