package org.switchboard.workers.channels.email;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;

/**
 * Sends EMAIL messages over SMTP, one {@link JavaMailSenderImpl} per account (rebuilt when its settings or
 * password change). The Message-ID is ours, {@code <messageId@domain>}, and is returned as the provider message
 * id: a reply's In-Reply-To then names a message case-api knows, and a retried send carries the same id.
 */
@Component
public class SmtpEmailSender implements ChannelSender {

  /** Headers the sender owns; an OutboundMessage's extra headers cannot override them. */
  private static final Set<String> RESERVED_HEADERS = Set.of("from", "to", "cc", "bcc", "subject", "message-id",
      "in-reply-to", "references", "date", "sender", "mime-version", "content-type", "content-transfer-encoding");
  private static final Set<Integer> INVALID_RECIPIENT_CODES = Set.of(550, 553);

  private final Function<String, String> environment;
  private final Clock clock;
  private final Map<String, CachedSender> senders = new ConcurrentHashMap<>();

  @Autowired
  public SmtpEmailSender(Environment environment, ObjectProvider<Clock> clock) {
    this(environment::getProperty, clock.getIfAvailable(Clock::systemUTC));
  }

  /** @param environment resolves secret refs (environment variable names) to values */
  public SmtpEmailSender(Function<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return EmailAccountSettings.isEmail(account);
  }

  @Override
  public SendReceipt send(OutboundMessage message) {
    ChannelAccount account = message.account();
    JavaMailSenderImpl sender = senderFor(account);
    String messageId = MessageIds.forMessage(message.messageId(), EmailAccountSettings.messageIdDomain(account));
    MimeMessage mime;
    try {
      mime = compose(sender, message, messageId);
    } catch (AddressException e) {
      throw new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, "not a valid email address");
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("email " + message.messageId() + " could not be composed", e);
    }
    try {
      sender.send(mime);
    } catch (MailAuthenticationException e) {
      throw new TransientSendException("SMTP authentication failed for account " + account.id(), e);
    } catch (MailSendException e) {
      if (recipientRefused(e)) {
        throw new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, "the mail server refused the recipient");
      }
      throw new TransientSendException("SMTP send failed for account " + account.id(), e);
    } catch (MailException e) {
      throw new TransientSendException("SMTP send failed for account " + account.id(), e);
    }
    // SMTP acceptance is all the protocol tells: the message left us; delivery is not reported back.
    return new SendReceipt(messageId, DeliveryState.SENT);
  }

  private MimeMessage compose(JavaMailSenderImpl sender, OutboundMessage message, String messageId)
      throws MessagingException, UnsupportedEncodingException {
    ChannelAccount account = message.account();
    boolean html = account.setting(EmailAccountSettings.HTML_ALTERNATIVE).map(Boolean::parseBoolean).orElse(false);
    boolean multipart = html || !message.attachments().isEmpty();
    MimeMessage mime = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(mime,
        multipart ? MimeMessageHelper.MULTIPART_MODE_MIXED : MimeMessageHelper.MULTIPART_MODE_NO,
        StandardCharsets.UTF_8.name());
    String fromName = account.setting(EmailAccountSettings.FROM_NAME).orElse(null);
    helper.setFrom(new InternetAddress(account.address(), fromName, StandardCharsets.UTF_8.name()));
    if (message.recipient() == null || message.recipient().isBlank()) {
      throw new AddressException("no recipient");
    }
    helper.setTo(new InternetAddress(message.recipient().trim(), true));
    helper.setSubject(message.subject() == null ? "" : message.subject());
    helper.setSentDate(Date.from(clock.instant()));
    String body = message.body() == null ? "" : message.body();
    if (html) {
      helper.setText(body, toHtml(body));
    } else {
      helper.setText(body);
    }
    for (OutboundMessage.Attachment attachment : message.attachments()) {
      if (attachment.content() == null) {
        throw new IllegalStateException("attachment " + attachment.documentId() + " has no content");
      }
      String contentType = attachment.contentType() == null ? "application/octet-stream" : attachment.contentType();
      String fileName = attachment.fileName() == null ? attachment.documentId() : attachment.fileName();
      // Base64 always: with 7bit or quoted-printable, mail software canonicalises line ends of text-like
      // content and the recipient would get other bytes than the case document holds.
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), contentType)));
      part.setDisposition(Part.ATTACHMENT);
      part.setFileName(MimeUtility.encodeText(fileName, StandardCharsets.UTF_8.name(), null));
      part.setHeader("Content-Transfer-Encoding", "base64");
      helper.getMimeMultipart().addBodyPart(part);
    }
    for (Map.Entry<String, String> header : message.headers().entrySet()) {
      if (!RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        mime.setHeader(header.getKey(), header.getValue());
      }
    }
    String inReplyTo = MessageIds.normalise(message.inReplyTo());
    List<String> references = new ArrayList<>();
    for (String reference : message.references()) {
      List<String> ids = MessageIds.parseList(reference);
      String bare = ids.isEmpty() ? MessageIds.normalise(reference) : null;
      for (String id : bare == null ? ids : List.of(bare)) {
        if (!references.contains(id)) {
          references.add(id);
        }
      }
    }
    if (inReplyTo != null) {
      mime.setHeader("In-Reply-To", inReplyTo);
      if (!references.contains(inReplyTo)) {
        references.add(inReplyTo);
      }
    }
    if (!references.isEmpty()) {
      mime.setHeader("References", String.join(" ", references));
    }
    // JavaMailSenderImpl keeps an explicitly set Message-ID through saveChanges().
    mime.setHeader("Message-ID", messageId);
    return mime;
  }

  private static boolean recipientRefused(MailSendException e) {
    List<Throwable> roots = new ArrayList<>(e.getFailedMessages().values());
    roots.addAll(List.of(e.getMessageExceptions()));
    if (e.getCause() != null) {
      roots.add(e.getCause());
    }
    for (Throwable root : roots) {
      for (Throwable t = root; t != null; t = next(t)) {
        if (t instanceof AddressException) {
          return true;
        }
        if (t instanceof SMTPAddressFailedException failed
            && INVALID_RECIPIENT_CODES.contains(failed.getReturnCode())) {
          return true;
        }
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private JavaMailSenderImpl senderFor(ChannelAccount account) {
    String host = EmailAccountSettings.setting(account, EmailAccountSettings.SMTP_HOST, environment).orElseThrow(() -> new SendRefusedException(
        RefusalCodes.CHANNEL_NOT_CONFIGURED, "email account " + account.id() + " has no SMTP host"));
    String username = EmailAccountSettings.setting(account, EmailAccountSettings.SMTP_USERNAME, environment)
        .orElse(null);
    String password = username == null ? null
        : account.secret(EmailAccountSettings.SMTP_PASSWORD_SECRET, environment).orElseThrow(
            () -> new SendRefusedException(RefusalCodes.CHANNEL_NOT_CONFIGURED,
                "email account " + account.id() + " has an SMTP user but its password secret is not set"));
    String security = EmailAccountSettings.setting(account, EmailAccountSettings.SMTP_SECURITY, environment)
        .orElse("starttls").toLowerCase(Locale.ROOT);
    int port = EmailAccountSettings.setting(account, EmailAccountSettings.SMTP_PORT, environment).map(Integer::parseInt)
        .orElse("ssl".equals(security) ? 465 : 587);
    int timeout = EmailAccountSettings.timeoutMillis(account);
    // The password is part of the fingerprint so a rotated secret takes effect on the next send.
    String fingerprint = String.join("\u0000", host, Integer.toString(port), security, String.valueOf(username),
        String.valueOf(password), Integer.toString(timeout));
    CachedSender cached = senders.compute(account.id(), (id, existing) -> existing != null
        && existing.fingerprint().equals(fingerprint) ? existing
        : new CachedSender(fingerprint, build(host, port, security, username, password, timeout)));
    return cached.sender();
  }

  private static JavaMailSenderImpl build(String host, int port, String security, String username, String password,
      int timeout) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(host);
    sender.setPort(port);
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    Properties p = sender.getJavaMailProperties();
    String protocol = "ssl".equals(security) ? "smtps" : "smtp";
    sender.setProtocol(protocol);
    if (username != null) {
      sender.setUsername(username);
      sender.setPassword(password);
      p.put("mail." + protocol + ".auth", "true");
    }
    switch (security) {
      case "ssl" -> p.put("mail.smtps.ssl.checkserveridentity", "true");
      case "none" -> { }
      default -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
    }
    p.put("mail." + protocol + ".connectiontimeout", Integer.toString(timeout));
    p.put("mail." + protocol + ".timeout", Integer.toString(timeout));
    p.put("mail." + protocol + ".writetimeout", Integer.toString(timeout));
    return sender;
  }

  /** Paragraphs and line breaks of the text, escaped: enough for clients that prefer HTML. */
  static String toHtml(String text) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
    for (String paragraph : text.split("\\r?\\n\\s*\\r?\\n")) {
      html.append("<p>").append(HtmlUtils.htmlEscape(paragraph, StandardCharsets.UTF_8.name())
          .replaceAll("\\r?\\n", "<br>")).append("</p>");
    }
    return html.append("</body></html>").toString();
  }

  private record CachedSender(String fingerprint, JavaMailSenderImpl sender) {
  }
}
