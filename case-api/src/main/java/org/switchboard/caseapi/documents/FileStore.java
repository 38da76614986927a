package org.switchboard.caseapi.documents;

import java.io.InputStream;

/**
 * Where document content lives (outbound port). Keys are opaque to callers; {@code switchboard.files.store}
 * selects the adapter ({@code local} = {@link LocalFileStore}). Failures surface as
 * {@link java.io.UncheckedIOException}.
 */
public interface FileStore {

  /** Streams the content into the store; the returned key finds it again. */
  StoredFile put(InputStream content);

  /** The content under the key; the caller closes the stream. */
  InputStream get(String key);

  /**
   * Removes the content. Stores may deduplicate identical content under one key, so only call this
   * when no document version refers to the key any more.
   */
  void delete(String key);

  /** What {@link #put} stored: its key, SHA-256 (hex) and size in bytes, both computed while streaming. */
  record StoredFile(String key, String sha256, long size) {
  }
}
