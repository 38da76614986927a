package org.switchboard.caseapi.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.documents.FileStore.StoredFile;
import org.switchboard.caseapi.support.TestFiles;

class LocalFileStoreTest {

  @TempDir
  Path dataDir;

  @Test
  void storesContentUnderItsHashAndReadsItBack() throws IOException {
    LocalFileStore store = store(dataDir.resolve("deep/files"));
    byte[] content = TestFiles.pdf();

    StoredFile stored = store.put(new ByteArrayInputStream(content));

    assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(content));
    assertThat(stored.key()).isEqualTo(stored.sha256());
    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(store.path(stored.key()))
        .isEqualTo(dataDir.resolve("deep/files").resolve(stored.key().substring(0, 2))
            .resolve(stored.key().substring(2, 4)).resolve(stored.key()));
    try (InputStream in = store.get(stored.key())) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void identicalContentIsStoredOnceAndNoTemporaryFilesRemain() throws IOException {
    LocalFileStore store = store(dataDir.resolve("files"));
    byte[] content = TestFiles.png();

    StoredFile first = store.put(new ByteArrayInputStream(content));
    StoredFile second = store.put(new ByteArrayInputStream(content));

    assertThat(second).isEqualTo(first);
    try (Stream<Path> files = Files.walk(dataDir.resolve("files"))) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(store.path(first.key()));
    }
  }

  @Test
  void aFailingStreamLeavesNothingBehind() throws IOException {
    LocalFileStore store = store(dataDir.resolve("files"));
    InputStream broken = new InputStream() {
      int n;

      @Override
      public int read() throws IOException {
        if (n++ > 100) {
          throw new IOException("connection reset");
        }
        return 'x';
      }
    };

    assertThatThrownBy(() -> store.put(broken)).isInstanceOf(UncheckedIOException.class);
    try (Stream<Path> files = Files.walk(dataDir.resolve("files"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void deletesAndRefusesKeysThatAreNotItsOwn() {
    LocalFileStore store = store(dataDir.resolve("files"));
    StoredFile stored = store.put(new ByteArrayInputStream(TestFiles.pdf()));

    store.delete(stored.key());

    assertThat(Files.exists(store.path(stored.key()))).isFalse();
    assertThatThrownBy(() -> store.get(stored.key())).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.delete(stored.key().toUpperCase())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsToFilesUnderTheDataDirectory() {
    LocalFileStore store = new LocalFileStore(properties(null));
    String key = "a".repeat(64);
    assertThat(store.path(key)).isEqualTo(dataDir.resolve("files/aa/aa").resolve(key).toAbsolutePath());
  }

  private LocalFileStore store(Path root) {
    return new LocalFileStore(properties(root));
  }

  private SwitchboardProperties properties(Path root) {
    return new SwitchboardProperties(dataDir, null, new SwitchboardProperties.Files("local", root,
        DataSize.ofMegabytes(25), DataSize.ofMegabytes(26)), null);
  }
}
