package org.switchboard.caseapi.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeParserTest {

  @Test
  void prefersPlainTextAndKeepsAttachmentsAndInlineImages() throws Exception {
    ParsedEmail email = MimeParser.parse(mime("""
        From: "Ann Example" <ann@example.net>
        To: help@example.org
        Subject: =?UTF-8?Q?Hilfe_f=C3=BCr_mich?=
        Message-ID: <abc@example.net>
        In-Reply-To: <ours-1@example.org>
        References: <root@example.net>
         <ours-1@example.org>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="m"

        --m
        Content-Type: multipart/related; boundary="r"

        --r
        Content-Type: multipart/alternative; boundary="a"

        --a
        Content-Type: text/plain; charset=UTF-8

        Plain body
        --a
        Content-Type: text/html; charset=UTF-8

        <p>HTML body</p>
        --a--
        --r
        Content-Type: image/png
        Content-ID: <logo@x>
        Content-Disposition: inline
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --r--
        --m
        Content-Type: application/pdf; name="=?UTF-8?Q?Bescheid_=C3=A4.pdf?="
        Content-Disposition: attachment; filename="=?UTF-8?Q?Bescheid_=C3=A4.pdf?="
        Content-Transfer-Encoding: base64

        JVBERi0xLjQ=
        --m--
        """));

    assertThat(email.messageId()).isEqualTo("<abc@example.net>");
    assertThat(email.fromAddress()).isEqualTo("ann@example.net");
    assertThat(email.fromName()).isEqualTo("Ann Example");
    assertThat(email.subject()).isEqualTo("Hilfe für mich");
    assertThat(email.inReplyTo()).isEqualTo("<ours-1@example.org>");
    assertThat(email.references()).containsExactly("<root@example.net>", "<ours-1@example.org>");
    assertThat(email.body().strip()).isEqualTo("Plain body");
    assertThat(email.media()).hasSize(2);
    assertThat(email.media().get(0).contentType()).isEqualTo("image/png");
    assertThat(email.media().get(0).fileName()).isEqualTo("inline-logox.png");
    assertThat(email.media().get(0).content()).startsWith(0x89, 'P', 'N', 'G');
    assertThat(email.media().get(1).fileName()).isEqualTo("Bescheid ä.pdf");
    assertThat(new String(email.media().get(1).content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
  }

  @Test
  void htmlOnlyMailBecomesReadableText() throws Exception {
    ParsedEmail email = MimeParser.parse(mime("""
        From: ann@example.net
        Subject: html
        Content-Type: text/html; charset=UTF-8

        <html><head><style>p {color: red}</style><title>x</title></head><body>
        <p>Hello&nbsp;team,</p><p>see <a href="https://example.net/form">the form</a> &amp; call me.<br>Thanks</p>
        <ul><li>one</li><li>two</li></ul><script>alert(1)</script></body></html>
        """));

    assertThat(email.body()).isEqualTo("Hello team,\n\nsee the form (https://example.net/form) & call me.\nThanks\n\n"
        + "- one\n- two");
    assertThat(email.messageId()).isNull();
    assertThat(email.media()).isEmpty();
  }

  private static MimeMessage mime(String source) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(source.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
  }
}
