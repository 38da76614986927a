package org.switchboard.caseapi.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.workers.InProcessWorkerRunner;
import org.switchboard.caseapi.workers.JobFilter;
import org.switchboard.process.outbound.OutboundMessage;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The whole round trip through the product: a customer's email opens a case, the agent answers through
 * {@code /api/v1/communications/email/send}, the SendEmail external task delivers it over SMTP with our Message-ID,
 * and the customer's reply to it joins the case.
 */
@SwitchboardTest
class EmailSendEndToEndTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(
      new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()})
      .withPerMethodLifecycle(false);

  private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Autowired TestFixtures fixtures;
  @Autowired ImapMailboxPoller poller;
  @Autowired InboundProcessor processor;
  @Autowired InProcessWorkerRunner runner;
  @Autowired ChannelAccountRepository accountRepository;
  @Autowired JdbcChannelAccounts accounts;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void anAgentsReplyLeavesBySmtpAndTheCustomersAnswerJoinsTheCase() throws Exception {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = mailbox(tenant);
    String customer = "hal-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    greenMail.setUser(customer, customer, "customer-password");

    MimeMessage first = mail(customer, account.address(), "Rent arrears", "I cannot pay this month.");
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("I cannot pay this month.", "UTF-8");
    MimeBodyPart letter = new MimeBodyPart();
    letter.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
    letter.setFileName("arrears-letter.pdf");
    letter.setDisposition(MimeBodyPart.ATTACHMENT);
    letter.setHeader("Content-Transfer-Encoding", "base64");
    mixed.addBodyPart(text);
    mixed.addBodyPart(letter);
    first.setContent(mixed);
    first.saveChanges();
    send(first);
    assertThat(poller.poll(account).accepted()).isEqualTo(1);
    String firstId = messageByProviderId(first.getMessageID());
    assertThat(processor.process(firstId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
    Map<String, Object> inbound = row(firstId);
    String caseId = (String) inbound.get("case_id");
    String documentId = jdbc.sql("SELECT document_id FROM message_attachment WHERE message_id = :m")
        .param("m", firstId).query(String.class).single();

    // A case started from a message has no team yet; a tenant administrator who also works cases sees it.
    ApiClient agent = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS, Roles.AGENTS));
    ApiClient.Response sent = agent.post("/api/v1/communications/email/send", Map.of("caseId", caseId,
        "recipient", Map.of("contactId", inbound.get("contact_id")), "subject", "Re: Rent arrears",
        "text", "We can set up a payment plan.", "accountId", account.id(), "attachments", List.of(documentId)));
    assertThat(sent.status()).as(sent.text()).isEqualTo(202);
    String outboundId = sent.json().get("id").asText();

    deliver(outboundId);

    Map<String, Object> outbound = row(outboundId);
    assertThat(outbound.get("state")).isEqualTo("SENT");
    String ourMessageId = (String) outbound.get("provider_message_id");
    assertThat(ourMessageId).isEqualTo("<" + outboundId + "@" + account.address().split("@")[1] + ">");
    MimeMessage received = List.of(greenMail.getReceivedMessagesForDomain(customer)).stream()
        .filter(m -> ourMessageId.equals(messageId(m))).findFirst().orElseThrow();
    assertThat(received.getFrom()[0].toString()).contains(account.address());
    assertThat(received.getSubject()).isEqualTo("Re: Rent arrears");
    assertThat(received.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("We can set up a payment plan.");
    assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("arrears-letter.pdf");
    assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(PDF);

    MimeMessage reply = (MimeMessage) received.reply(false);
    reply.setFrom(new InternetAddress(customer));
    reply.setText("Thank you, yes please.", "UTF-8");
    reply.saveChanges();
    send(reply);
    assertThat(poller.poll(account).accepted()).isEqualTo(1);
    String replyId = messageByProviderId(reply.getMessageID());
    assertThat(processor.process(replyId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    assertThat(row(replyId).get("case_id")).isEqualTo(caseId);
  }

  /** Runs the OutboundMessage process's save point and its SendEmail task, as the job executor and runner would. */
  private void deliver(String messageId) throws InterruptedException {
    Instant deadline = clock.instant().plus(Duration.ofSeconds(30));
    while (!"SENT".equals(row(messageId).get("state")) && clock.instant().isBefore(deadline)) {
      ProcessInstance instance = runtime.createProcessInstanceQuery()
          .processDefinitionKey(OutboundMessage.PROCESS_KEY).processInstanceBusinessKey(messageId).singleResult();
      if (instance != null) {
        for (Job job : management.createJobQuery().processInstanceId(instance.getId()).executable().list()) {
          management.executeJob(job.getId());
        }
      }
      if (runner.runOnce(JobFilter.businessKey(messageId)) == 0) {
        Thread.sleep(100);
      }
    }
  }

  private ChannelAccount mailbox(String tenant) {
    String address = "desk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String password = UUID.randomUUID().toString();
    String variable = "EMAIL_TEST_IMAP_PASSWORD_" + UUID.randomUUID().toString().replace("-", "");
    System.setProperty(variable, password);
    greenMail.setUser(address, address, password);
    ChannelAccount account = new ChannelAccount(UUID.randomUUID().toString(), tenant, Channel.EMAIL, "smtp", address,
        null, Map.of("imapHost", "127.0.0.1", "imapPort", Integer.toString(greenMail.getImap().getPort()),
        "imapSsl", "false", "smtpHost", "127.0.0.1", "smtpPort", Integer.toString(greenMail.getSmtp().getPort()),
        "smtpSecurity", "none", "fromName", "Advice Desk"),
        Map.of("imapPassword", variable));
    Instant now = clock.instant();
    accountRepository.insert(new StoredAccount(account, true, now, now));
    accounts.evictAll();
    return account;
  }

  private static MimeMessage mail(String from, String to, String subject, String text) throws Exception {
    MimeMessage mail = new MimeMessage(session());
    mail.setFrom(new InternetAddress(from));
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    mail.setSubject(subject, "UTF-8");
    mail.setText(text, "UTF-8");
    mail.saveChanges();
    return mail;
  }

  private static void send(MimeMessage mail) throws Exception {
    try (Transport transport = session().getTransport("smtp")) {
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

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String messageByProviderId(String providerId) {
    return jdbc.sql("SELECT id FROM message WHERE channel = 'EMAIL' AND provider_message_id = :p")
        .param("p", providerId).query(String.class).single();
  }

  private Map<String, Object> row(String messageId) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id").param("id", messageId).query().singleRow();
  }
}
