package org.switchboard.caseapi.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.email.SmtpEmailSender;

/**
 * The email channel end to end on PostgreSQL with GreenMail standing in for the provider's SMTP and IMAP servers:
 * mail to the tenant's mailbox is polled, stored once, and becomes a case with its attachments as documents; a
 * reply to our email joins the case the email was sent from.
 */
@SwitchboardTest
class EmailChannelTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(
      new com.icegreen.greenmail.util.ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(),
          ServerSetupTest.IMAP.dynamicPort()})
      .withPerMethodLifecycle(false);

  private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  @Autowired TestFixtures fixtures;
  @Autowired ImapMailboxPoller poller;
  @Autowired InboundProcessor processor;
  @Autowired ChannelAccountRepository accountRepository;
  @Autowired JdbcChannelAccounts accounts;
  @Autowired SmtpEmailSender sender;
  @Autowired MessageCipher cipher;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void mailToTheTenantsMailboxBecomesACaseWithItsAttachmentsAsDocuments() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant, Map.of());
    String customer = "ann-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";

    MimeMessage mail = customerMail(customer, account.address(), "My landlord", "Please help me.\nAnn");
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Please help me.\nAnn", "UTF-8");
    mixed.addBodyPart(text);
    mixed.addBodyPart(attachment("tenancy.pdf", "application/pdf", PDF, false));
    mixed.addBodyPart(attachment(null, "image/png", PNG, true));
    mail.setContent(mixed);
    send(mail);

    ImapMailboxPoller.PollResult first = poller.poll(account);
    assertThat(first.accepted()).isEqualTo(1);
    assertThat(first.error()).isNull();
    String messageId = messageByProviderId(mail.getMessageID());

    assertThat(processor.process(messageId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    Map<String, Object> row = row(messageId);
    String caseId = (String) row.get("case_id");
    assertThat(caseId).isNotNull();
    assertThat(row.get("tenant_id")).isEqualTo(tenant);
    assertThat(open(row, "body").strip()).isEqualTo("Please help me.\nAnn");
    assertThat(open(row, "subject")).isEqualTo("My landlord");
    assertThat(open(row, "sender")).isEqualTo(customer);

    List<Map<String, Object>> attachments = jdbc.sql(
            "SELECT a.state, a.document_id, d.case_id FROM message_attachment a"
                + " LEFT JOIN document d ON d.id = a.document_id WHERE a.message_id = :m ORDER BY a.created_at")
        .param("m", messageId).query().listOfRows();
    assertThat(attachments).hasSize(2).allSatisfy(a -> {
      assertThat(a.get("state")).isEqualTo("STORED");
      assertThat(a.get("case_id")).isEqualTo(caseId);
    });
    assertThat(jdbc.sql("SELECT file_name FROM document WHERE case_id = :c AND deleted_at IS NULL ORDER BY file_name")
        .param("c", caseId).query(String.class).list())
        .hasSize(2).contains("tenancy.pdf").anySatisfy(name -> assertThat(name).endsWith(".png"));

    // Nothing new: the next round reads nothing.
    assertThat(poller.poll(account).accepted()).isZero();
  }

  @Test
  void aRePollAfterACrashStoresEachMessageOnce() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant, Map.of());
    MimeMessage mail = customerMail("bob-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net",
        account.address(), "Hello", "Once only");
    send(mail);
    assertThat(poller.poll(account).accepted()).isEqualTo(1);

    // A node that crashed after reception accepted the message but before it recorded the UID.
    jdbc.sql("UPDATE email_mailbox SET last_uid = 0 WHERE account_id = :a").param("a", account.id()).update();
    ImapMailboxPoller.PollResult again = poller.poll(account);

    assertThat(again.accepted()).isZero();
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE channel = 'EMAIL' AND provider_message_id = :p")
        .param("p", mail.getMessageID()).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void aMailboxAnotherNodeHoldsIsLeftAlone() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant, Map.of());
    send(customerMail("cid-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net", account.address(),
        "Hi", "Text"));
    assertThat(poller.poll(account).accepted()).isEqualTo(1);
    send(customerMail("dan-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net", account.address(),
        "Hi", "Text"));
    jdbc.sql("UPDATE email_mailbox SET claimed_by = 'other-node', claimed_until = :until WHERE account_id = :a")
        .param("until", clock.instant().plusSeconds(300).atOffset(java.time.ZoneOffset.UTC))
        .param("a", account.id()).update();

    ImapMailboxPoller.PollResult busy = poller.poll(account);
    assertThat(busy.busy()).isTrue();
    assertThat(busy.accepted()).isZero();

    // The other node's lease ran out (it crashed): this node takes over.
    jdbc.sql("UPDATE email_mailbox SET claimed_until = :past WHERE account_id = :a")
        .param("past", clock.instant().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC))
        .param("a", account.id()).update();
    assertThat(poller.poll(account).accepted()).isEqualTo(1);
  }

  @Test
  void htmlOnlyMailIsStoredAsReadableText() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant, Map.of());
    MimeMessage mail = customerMail("eve-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net",
        account.address(), "HTML", null);
    mail.setContent("<html><body><p>Dear&nbsp;team,</p><p>I need <b>help</b>.<br>Eve</p></body></html>",
        "text/html; charset=UTF-8");
    send(mail);

    assertThat(poller.poll(account).accepted()).isEqualTo(1);
    String messageId = messageByProviderId(mail.getMessageID());
    assertThat(open(row(messageId), "body")).isEqualTo("Dear team,\n\nI need help.\nEve");
  }

  @Test
  void aReplyToOurEmailJoinsTheCaseItWasSentFrom() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant, Map.of("smtpHost", "127.0.0.1",
        "smtpPort", Integer.toString(greenMail.getSmtp().getPort()), "smtpSecurity", "none"));
    String customer = "fay-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    greenMail.setUser(customer, customer, "customer-password");

    // The customer writes first: a case starts.
    MimeMessage first = customerMail(customer, account.address(), "Repairs", "The heating is broken.");
    send(first);
    assertThat(poller.poll(account).accepted()).isEqualTo(1);
    String firstId = messageByProviderId(first.getMessageID());
    assertThat(processor.process(firstId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    String caseId = (String) row(firstId).get("case_id");

    // The agent answers: the send ledger records the sender's receipt as the provider message id.
    String outboundId = UUID.randomUUID().toString();
    SendReceipt receipt = sender.send(new OutboundMessage(outboundId, tenant, caseId, Channel.EMAIL, account,
        customer, "Re: Repairs", "We will send someone.", null, List.of(), first.getMessageID(), List.of(),
        List.of(), Map.of()));
    recordSent(outboundId, tenant, account, caseId, receipt);

    // The customer's mail client replies to what it received; the reply carries no case reference in its text.
    MimeMessage received = inboxOf(customer).stream()
        .filter(m -> messageIdOf(m).equals(receipt.providerMessageId())).findFirst().orElseThrow();
    assertThat(received.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
    MimeMessage reply = (MimeMessage) received.reply(false);
    reply.setFrom(new InternetAddress(customer));
    reply.setText("Thanks, when?", "UTF-8");
    reply.saveChanges();
    assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(receipt.providerMessageId());
    send(reply);

    assertThat(poller.poll(account).accepted()).isEqualTo(1);
    String replyId = messageByProviderId(reply.getMessageID());
    // Attached to the case; whether the case process takes it at once (PROCESSED) or later (PARKED) is the
    // process model's business.
    assertThat(processor.process(replyId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    assertThat(row(replyId).get("case_id")).isEqualTo(caseId);
  }

  @Test
  void aReplyFromAnotherAddressStillJoinsByItsThreadingHeaders() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant, Map.of("smtpHost", "127.0.0.1",
        "smtpPort", Integer.toString(greenMail.getSmtp().getPort()), "smtpSecurity", "none"));
    String customer = "gus-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    MimeMessage first = customerMail(customer, account.address(), "Benefits", "Question");
    send(first);
    poller.poll(account);
    String firstId = messageByProviderId(first.getMessageID());
    processor.process(firstId);
    String caseId = (String) row(firstId).get("case_id");
    String outboundId = UUID.randomUUID().toString();
    SendReceipt receipt = sender.send(new OutboundMessage(outboundId, tenant, caseId, Channel.EMAIL, account,
        customer, "Re: Benefits", "Answer", null, List.of(), null, List.of(), List.of(), Map.of()));
    recordSent(outboundId, tenant, account, caseId, receipt);

    // Forwarded to a partner who answers from their own address, quoting our message in References only.
    MimeMessage partner = customerMail("partner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
        account.address(), "Fwd: Re: Benefits", "I am the caseworker's partner.");
    partner.setHeader("References", "<unrelated@example.com> " + receipt.providerMessageId());
    send(partner);
    poller.poll(account);
    String partnerId = messageByProviderId(partner.getMessageID());
    processor.process(partnerId);
    assertThat(row(partnerId).get("case_id")).isEqualTo(caseId);
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private ChannelAccount mailbox(String tenant, Map<String, String> extra) {
    String address = "help-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String password = UUID.randomUUID().toString();
    String variable = "EMAIL_TEST_IMAP_PASSWORD_" + UUID.randomUUID().toString().replace("-", "");
    // Secret refs name environment variables; Spring's environment also reads system properties, as tests need.
    System.setProperty(variable, password);
    greenMail.setUser(address, address, password);
    Map<String, String> settings = new HashMap<>(Map.of("imapHost", "127.0.0.1",
        "imapPort", Integer.toString(greenMail.getImap().getPort()), "imapSsl", "false"));
    settings.putAll(extra);
    ChannelAccount account = new ChannelAccount(UUID.randomUUID().toString(), tenant, Channel.EMAIL, "smtp",
        address, null, settings, Map.of("imapPassword", variable));
    Instant now = clock.instant();
    accountRepository.insert(new StoredAccount(account, true, now, now));
    accounts.evictAll();
    return account;
  }

  private static MimeMessage customerMail(String from, String to, String subject, String text) throws Exception {
    MimeMessage mail = new MimeMessage(session());
    mail.setFrom(new InternetAddress(from, "Customer " + from.substring(0, 3)));
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    mail.setSubject(subject, "UTF-8");
    if (text != null) {
      mail.setText(text, "UTF-8");
    }
    mail.saveChanges();
    return mail;
  }

  private static MimeBodyPart attachment(String fileName, String type, byte[] content, boolean inline)
      throws Exception {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    if (inline) {
      part.setDisposition(MimeBodyPart.INLINE);
      part.setContentID("<img1@example.net>");
    } else {
      part.setFileName(fileName);
      part.setDisposition(MimeBodyPart.ATTACHMENT);
    }
    return part;
  }

  private static void send(MimeMessage mail) throws Exception {
    String messageId = mail.getMessageID();
    mail.saveChanges();
    if (messageId != null) {
      mail.setHeader("Message-ID", messageId);
    }
    Session session = session();
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(mail, mail.getAllRecipients());
    }
  }

  private static Session session() {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
    return Session.getInstance(p);
  }

  private static List<MimeMessage> inboxOf(String address) throws Exception {
    return List.of(greenMail.getReceivedMessagesForDomain(address));
  }

  private static String messageIdOf(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void recordSent(String id, String tenant, ChannelAccount account, String caseId, SendReceipt receipt) {
    Instant now = clock.instant();
    jdbc.sql("INSERT INTO message (id, tenant_id, channel, direction, account_id, case_id, provider_message_id, state,"
            + " attempts, created_at, updated_at, sent_at) VALUES (:id, :t, 'EMAIL', 'OUTBOUND', :a, :c, :p, 'SENT', 1,"
            + " :now, :now, :now)")
        .param("id", id).param("t", tenant).param("a", account.id()).param("c", caseId)
        .param("p", receipt.providerMessageId()).param("now", now.atOffset(java.time.ZoneOffset.UTC)).update();
  }

  private String messageByProviderId(String providerId) {
    return jdbc.sql("SELECT id FROM message WHERE channel = 'EMAIL' AND provider_message_id = :p")
        .param("p", providerId).query(String.class).single();
  }

  private Map<String, Object> row(String messageId) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id").param("id", messageId).query().singleRow();
  }

  private String open(Map<String, Object> row, String field) {
    return cipher.open(MessageCipher.MESSAGE, (String) row.get("id"), field, (String) row.get("tenant_id"),
        (String) row.get(field));
  }
}
