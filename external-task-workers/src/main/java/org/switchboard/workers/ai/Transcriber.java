package org.switchboard.workers.ai;

import java.util.List;

/** Speech to text for call recordings and voice notes. */
public interface Transcriber extends AiProvider {

  /** @param languageHint ISO 639-1 code or null */
  Transcript transcribe(byte[] audio, String contentType, String languageHint);

  record Transcript(String text, String language, List<Segment> segments) {
    public Transcript {
      segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** Offsets in seconds from the start of the audio. */
    public record Segment(double start, double end, String text) {
    }
  }
}
