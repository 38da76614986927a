package org.switchboard.workers.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;

class SmtpEmailSenderTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("help@example.org", "mailbox", "s3cret"));

  private final Map<String, String> env = new HashMap<>(Map.of("TEST_SMTP_PASSWORD", "s3cret"));
  private final SmtpEmailSender sender = new SmtpEmailSender(env::get,
      Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC));

  @Test
  void sendsTextWithOurMessageIdThreadingHeadersAndAttachments() throws Exception {
    ChannelAccount account = account(greenMail.getSmtp().getPort(), Map.of());
    String id = UUID.randomUUID().toString();
    OutboundMessage message = message(id, account, "person@example.net",
        List.of(new OutboundMessage.Attachment("doc-1", "letter.pdf", "application/pdf",
            "%PDF-1.4 test".getBytes(StandardCharsets.UTF_8), null),
            new OutboundMessage.Attachment("doc-2", "Übersicht.csv", "text/csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), null)));

    SendReceipt receipt = sender.send(message);

    assertThat(receipt.providerMessageId()).isEqualTo("<" + id + "@example.org>");
    assertThat(receipt.state()).isEqualTo(DeliveryState.SENT);
    assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage received = greenMail.getReceivedMessages()[0];
    assertThat(received.getMessageID()).isEqualTo(receipt.providerMessageId());
    assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<their-1@example.net>");
    assertThat(received.getHeader("References", null)).isEqualTo("<root@example.net> <their-1@example.net>");
    assertThat(received.getFrom()[0].toString()).isEqualTo("Help Desk <help@example.org>");
    assertThat(received.getAllRecipients()[0].toString()).isEqualTo("person@example.net");
    assertThat(received.getSubject()).isEqualTo("Re: Your request – ünïcode");
    assertThat(received.getHeader("X-Switchboard-Case", null)).isEqualTo("case-1");

    List<Part> parts = leaves(received);
    assertThat(parts).anySatisfy(p -> {
      assertThat(p.isMimeType("text/plain")).isTrue();
      assertThat(((String) p.getContent()).replace("\r\n", "\n")).isEqualTo("Hello,\n\nwe will call you.");
    });
    assertThat(parts).anySatisfy(p -> {
      assertThat(p.getFileName()).isEqualTo("letter.pdf");
      assertThat(p.getContentType()).startsWith("application/pdf");
      assertThat(p.getInputStream().readAllBytes()).isEqualTo("%PDF-1.4 test".getBytes(StandardCharsets.UTF_8));
    });
    // Line ends of text-like attachments survive: the bytes are those of the case document.
    assertThat(parts).anySatisfy(p -> {
      assertThat(jakarta.mail.internet.MimeUtility.decodeText(String.valueOf(p.getFileName()))).isEqualTo("Übersicht.csv");
      assertThat(p.getInputStream().readAllBytes()).isEqualTo("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    });
  }

  @Test
  void addsAnHtmlAlternativeWhenTheAccountAsksForIt() throws Exception {
    ChannelAccount account = account(greenMail.getSmtp().getPort(), Map.of("htmlAlternative", "true"));
    sender.send(message(UUID.randomUUID().toString(), account, "person@example.net", List.of()));

    assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
    List<Part> parts = leaves(greenMail.getReceivedMessages()[0]);
    assertThat(parts).anySatisfy(p -> assertThat(p.isMimeType("text/plain")).isTrue());
    assertThat(parts).anySatisfy(p -> {
      assertThat(p.isMimeType("text/html")).isTrue();
      assertThat((String) p.getContent()).contains("<p>Hello,</p><p>we will call you.</p>");
    });
  }

  @Test
  void aRetriedSendCarriesTheSameMessageId() {
    ChannelAccount account = account(greenMail.getSmtp().getPort(), Map.of());
    String id = UUID.randomUUID().toString();
    String first = sender.send(message(id, account, "person@example.net", List.of())).providerMessageId();
    String second = sender.send(message(id, account, "person@example.net", List.of())).providerMessageId();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void wrongPasswordIsTransient() {
    env.put("TEST_SMTP_PASSWORD", "wrong");
    ChannelAccount account = account(greenMail.getSmtp().getPort(), Map.of());
    assertThatThrownBy(() -> sender.send(message("m1", account, "person@example.net", List.of())))
        .isInstanceOf(TransientSendException.class);
  }

  @Test
  void unreachableServerIsTransient() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ChannelAccount account = account(closedPort, Map.of("timeoutMillis", "2000"));
    assertThatThrownBy(() -> sender.send(message("m1", account, "person@example.net", List.of())))
        .isInstanceOf(TransientSendException.class);
  }

  @Test
  void malformedAddressIsRefused() {
    ChannelAccount account = account(greenMail.getSmtp().getPort(), Map.of());
    assertThatThrownBy(() -> sender.send(message("m1", account, "not an address@", List.of())))
        .isInstanceOf(SendRefusedException.class)
        .extracting(e -> ((SendRefusedException) e).code()).isEqualTo(RefusalCodes.INVALID_RECIPIENT);
  }

  @Test
  void missingPasswordSecretIsChannelNotConfigured() {
    env.remove("TEST_SMTP_PASSWORD");
    ChannelAccount account = account(greenMail.getSmtp().getPort(), Map.of());
    assertThatThrownBy(() -> sender.send(message("m1", account, "person@example.net", List.of())))
        .isInstanceOf(SendRefusedException.class)
        .extracting(e -> ((SendRefusedException) e).code()).isEqualTo(RefusalCodes.CHANNEL_NOT_CONFIGURED);
  }

  @Test
  void recipientRejectedWith550IsInvalidRecipient() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Thread peer = new Thread(() -> rejectRecipients(server), "smtp-550-peer");
      peer.setDaemon(true);
      peer.start();
      Map<String, String> settings = new HashMap<>();
      settings.put("smtpSecurity", "none");
      settings.put("smtpUsername", "");
      ChannelAccount account = account(server.getLocalPort(), settings);
      assertThatThrownBy(() -> sender.send(message("m1", account, "nobody@example.net", List.of())))
          .isInstanceOf(SendRefusedException.class)
          .extracting(e -> ((SendRefusedException) e).code()).isEqualTo(RefusalCodes.INVALID_RECIPIENT);
      peer.join(5000);
    }
  }

  @Test
  void supportsEmailAccountsOnly() {
    assertThat(sender.supports(account(25, Map.of()))).isTrue();
    assertThat(sender.supports(new ChannelAccount("a", "t", Channel.SMS, "twilio", "+15550100", null, Map.of(),
        Map.of()))).isFalse();
  }

  /** A mail server that takes the sender and refuses every recipient, as a real one does for unknown users. */
  private static void rejectRecipients(ServerSocket server) {
    try (Socket socket = server.accept();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII))) {
      reply(out, "220 localhost ESMTP test");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase();
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          reply(out, "250 localhost");
        } else if (command.startsWith("MAIL FROM")) {
          reply(out, "250 2.1.0 Ok");
        } else if (command.startsWith("RCPT TO")) {
          reply(out, "550 5.1.1 No such user here");
        } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
          reply(out, "250 2.0.0 Ok");
        } else if (command.startsWith("QUIT")) {
          reply(out, "221 2.0.0 Bye");
          return;
        } else {
          reply(out, "502 5.5.2 Command not recognized");
        }
      }
    } catch (java.io.IOException e) {
      // The test's assertion tells what happened; the peer just stops.
    }
  }

  private static void reply(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  private static ChannelAccount account(int port, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("smtpHost", "127.0.0.1", "smtpPort", Integer.toString(port),
        "smtpSecurity", "none", "smtpUsername", "mailbox", "fromName", "Help Desk"));
    settings.putAll(extra);
    return new ChannelAccount("acc-" + port, "t1", Channel.EMAIL, "smtp", "help@example.org", "general", settings,
        Map.of("smtpPassword", "TEST_SMTP_PASSWORD"));
  }

  private static OutboundMessage message(String id, ChannelAccount account, String to,
      List<OutboundMessage.Attachment> attachments) {
    return new OutboundMessage(id, "t1", "case-1", Channel.EMAIL, account, to, "Re: Your request – ünïcode",
        "Hello,\n\nwe will call you.", null, List.of(), "their-1@example.net", List.of("<root@example.net>"),
        attachments, Map.of("X-Switchboard-Case", "case-1", "From", "forged@example.com"));
  }

  private static List<Part> leaves(Part part) throws Exception {
    List<Part> leaves = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        leaves.addAll(leaves(child));
      }
    } else {
      leaves.add(part);
    }
    return leaves;
  }
}
