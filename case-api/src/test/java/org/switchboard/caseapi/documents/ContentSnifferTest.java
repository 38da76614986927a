package org.switchboard.caseapi.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.switchboard.caseapi.support.TestFiles;

class ContentSnifferTest {

  private final ContentSniffer sniffer = new ContentSniffer();

  @Test
  void recognisesTheAcceptedFormatsByTheirBytes() {
    assertThat(sniff(TestFiles.pdf(), "x")).isEqualTo(ContentSniffer.PDF);
    assertThat(sniff(TestFiles.png(), "x")).isEqualTo(ContentSniffer.PNG);
    assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10), "x")).isEqualTo(ContentSniffer.JPEG);
    assertThat(sniff(ascii("GIF89a\u0001\u0000"), "x")).isEqualTo(ContentSniffer.GIF);
    assertThat(sniff(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), "x")).isEqualTo(ContentSniffer.WEBP);
    assertThat(sniff(ascii("RIFF\u0000\u0000\u0000\u0000WAVEfmt "), "x")).isEqualTo(ContentSniffer.WAV);
    assertThat(sniff(ascii("OggS\u0000\u0002"), "x")).isEqualTo(ContentSniffer.OGG);
    assertThat(sniff(ascii("ID3\u0004\u0000"), "x")).isEqualTo(ContentSniffer.MP3);
    assertThat(sniff(bytes(0xFF, 0xFB, 0x90, 0x64), "x")).isEqualTo(ContentSniffer.MP3);
    assertThat(sniff(ascii("\u0000\u0000\u0000\u0020ftypM4A \u0000\u0000"), "x")).isEqualTo(ContentSniffer.M4A);
    assertThat(sniff(TestFiles.docx(), "x")).isEqualTo(ContentSniffer.DOCX);
    assertThat(sniff(TestFiles.xlsx(), "x")).isEqualTo(ContentSniffer.XLSX);
    assertThat(sniff(TestFiles.odt(), "x")).isEqualTo(ContentSniffer.ODT);
    assertThat(sniff(TestFiles.text("hello\r\n\tworld"), "x.txt")).isEqualTo(ContentSniffer.TEXT);
    assertThat(sniff(TestFiles.text("a;b\n1;2\n"), "DATA.CSV")).isEqualTo(ContentSniffer.CSV);
  }

  @Test
  void namesOtherContentSoItCanBeRefused() {
    assertThat(sniff(TestFiles.executable(), "x.pdf")).isEqualTo(ContentSniffer.EXECUTABLE);
    assertThat(sniff(bytes(0x7F, 'E', 'L', 'F', 2, 1), "x")).isEqualTo(ContentSniffer.EXECUTABLE);
    assertThat(sniff(TestFiles.plainZip(), "x.docx")).isEqualTo(ContentSniffer.ZIP);
    assertThat(sniff(ascii("PK\u0003\u0004 not really a zip"), "x.docx")).isEqualTo(ContentSniffer.ZIP);
    assertThat(sniff(ascii("\u0000\u0000\u0000\u0020ftypisom\u0000\u0000"), "x")).isEqualTo(ContentSniffer.MP4);
    assertThat(sniff(bytes(0, 1, 2, 3), "x.txt")).isEqualTo(ContentSniffer.UNKNOWN);
    assertThat(sniff(bytes(0xC3, 0x28, 'a'), "x.txt")).isEqualTo(ContentSniffer.UNKNOWN);
  }

  @Test
  void aMultiByteCharacterCutAtTheEndOfTheSniffedHeadIsStillText() {
    byte[] text = new byte[9000];
    Arrays.fill(text, (byte) 'a');
    byte[] umlaut = "ü".getBytes(StandardCharsets.UTF_8);
    text[8191] = umlaut[0];
    text[8192] = umlaut[1];
    assertThat(sniff(text, "long.txt")).isEqualTo(ContentSniffer.TEXT);
  }

  private String sniff(byte[] content, String name) {
    return sniffer.sniff(new ByteArrayResource(content), name);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
