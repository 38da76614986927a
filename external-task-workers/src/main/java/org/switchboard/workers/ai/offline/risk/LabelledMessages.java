package org.switchboard.workers.ai.offline.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic labelled messages ({@code id,split,language,label,text}; the text is everything after the fourth comma,
 * so it needs no quoting). The training sets ship in {@code ai/offline/risk/}; every message was written for this
 * purpose, none is a real person's.
 */
public final class LabelledMessages {

  public static final List<String> LABELS = List.of("critical", "high", "medium", "none");

  /** The sets the shipped risk model learns from: eight writers, English and Spanish. */
  public static final List<String> TRAINING = List.of("ai/offline/risk/train-set1.csv",
      "ai/offline/risk/train-heldout2a.csv", "ai/offline/risk/train-w1.csv", "ai/offline/risk/train-w2.csv",
      "ai/offline/risk/train-w3.csv", "ai/offline/risk/train-w4.csv", "ai/offline/risk/train-w5.csv",
      "ai/offline/risk/train-w6.csv");

  public record Message(int id, String split, String language, String label, String text) {
  }

  private LabelledMessages() {
  }

  public static List<Message> training() {
    List<Message> all = new ArrayList<>();
    for (String resource : TRAINING) {
      all.addAll(load(resource));
    }
    return all;
  }

  public static List<Message> load(String resource) {
    try (InputStream in = LabelledMessages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Message> messages = new ArrayList<>();
      String line = reader.readLine();
      int number = 1;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", 5);
        if (f.length != 5 || !LABELS.contains(f[3])) {
          throw new IllegalStateException(resource + " line " + number + ": expected id,split,language,label,text");
        }
        messages.add(new Message(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4]));
      }
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
