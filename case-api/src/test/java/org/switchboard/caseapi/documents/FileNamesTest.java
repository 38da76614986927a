package org.switchboard.caseapi.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void keepsOnlyTheLastPathSegmentWithoutSpecialCharacters() {
    assertThat(FileNames.sanitise("/etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitise("..\\..\\boot.ini")).isEqualTo("boot.ini");
    assertThat(FileNames.sanitise("report\u0000.pdf\n")).isEqualTo("report.pdf");
    assertThat(FileNames.sanitise("  .hidden  ")).isEqualTo("hidden");
    assertThat(FileNames.sanitise("a   b.pdf")).isEqualTo("a b.pdf");
    assertThat(FileNames.sanitise(null)).isEqualTo("document");
    assertThat(FileNames.sanitise("...")).isEqualTo("document");
    assertThat(FileNames.sanitise("folder/")).isEqualTo("document");
  }

  @Test
  void shortensLongNamesButKeepsTheExtension() {
    String name = FileNames.sanitise("x".repeat(300) + ".pdf");
    assertThat(name).hasSize(200).endsWith("x.pdf");
  }

  @Test
  void attachmentHeaderHasAnAsciiFallbackAndTheExactName() {
    assertThat(FileNames.attachment("report.pdf"))
        .isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    assertThat(FileNames.attachment("Ärger; \"x\".txt"))
        .isEqualTo("attachment; filename=\"_rger; x.txt\"; filename*=UTF-8''%C3%84rger%3B%20x.txt");
  }
}
