package org.switchboard.caseapi.channels.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.InboundReception;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.email.EmailAccountSettings;

/**
 * Reads new mail from the IMAP mailbox of every EMAIL account that has IMAP settings and hands each message to
 * {@link InboundReception}. The folder is opened read-only: the mailbox is never changed; what was read is
 * tracked by UID in {@code email_mailbox}. last_uid moves only after reception accepted the message, so a crash
 * re-reads at most the messages of one round, and reception's Message-ID uniqueness turns those into no-ops.
 */
@Component
public class ImapMailboxPoller {

  private static final Logger log = LoggerFactory.getLogger(ImapMailboxPoller.class);

  private final ChannelAccounts accounts;
  private final InboundReception reception;
  private final MailboxStates states;
  private final JdbcClient jdbc;
  private final Environment environment;
  private final EmailProperties properties;
  private final Clock clock;

  public ImapMailboxPoller(ChannelAccounts accounts, InboundReception reception, MailboxStates states,
      JdbcClient jdbc, Environment environment, EmailProperties properties, Clock clock) {
    this.accounts = accounts;
    this.reception = reception;
    this.states = states;
    this.jdbc = jdbc;
    this.environment = environment;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @param accepted messages stored for the first time; {@code duplicates} already there (a re-read after a crash);
   * @param busy true when another node holds the mailbox; {@code error} why the round stopped early, or null
   */
  public record PollResult(String accountId, int accepted, int duplicates, boolean busy, String error) {
  }

  /** One round over every mailbox; what the scheduler runs. */
  public List<PollResult> pollAll() {
    List<PollResult> results = new ArrayList<>();
    for (ChannelAccount account : mailboxes()) {
      results.add(poll(account));
    }
    return results;
  }

  /** One round over one mailbox (at most {@code switchboard.email.batch-size} messages). */
  public PollResult poll(ChannelAccount account) {
    String folderName = setting(account, EmailAccountSettings.IMAP_FOLDER).orElse("INBOX");
    String token = UUID.randomUUID().toString();
    Optional<MailboxStates.State> claimed = states.claim(account.id(), folderName, account.tenantId(), token,
        clock.instant().plus(properties.claimDuration()));
    if (claimed.isEmpty()) {
      return new PollResult(account.id(), 0, 0, true, null);
    }
    int accepted = 0;
    int duplicates = 0;
    String error = null;
    try {
      Optional<String> password = account.secret(EmailAccountSettings.IMAP_PASSWORD_SECRET, environment::getProperty);
      if (password.isEmpty()) {
        error = "the IMAP password secret is not set";
        return new PollResult(account.id(), 0, 0, false, error);
      }
      Session session = Session.getInstance(sessionProperties(account));
      try (Store store = session.getStore(protocol(account))) {
        store.connect(setting(account, EmailAccountSettings.IMAP_HOST).orElseThrow(), port(account),
            setting(account, EmailAccountSettings.IMAP_USERNAME).orElse(account.address()), password.get());
        Folder folder = store.getFolder(folderName);
        folder.open(Folder.READ_ONLY);
        try {
          UIDFolder uids = (UIDFolder) folder;
          long validity = uids.getUIDValidity();
          long lastUid = claimed.get().lastUid();
          if (claimed.get().uidValidity() == null || claimed.get().uidValidity() != validity) {
            states.restart(account.id(), folderName, token, validity);
            lastUid = 0;
          }
          for (Message message : newMessages(folder, uids, lastUid)) {
            long uid = uids.getUID(message);
            InboundReception.Acceptance acceptance =
                reception.accept(toInbound(account, session, (MimeMessage) message, validity, uid));
            if (acceptance.duplicate()) {
              duplicates++;
            } else {
              accepted++;
            }
            if (!states.advance(account.id(), folderName, token, uid)) {
              error = "the mailbox claim expired during the round";
              break;
            }
          }
        } finally {
          folder.close(false);
        }
      }
    } catch (MessagingException | IOException | RuntimeException e) {
      // The server's reply may quote addresses: the log names the account and the failure's type only.
      error = e.getClass().getSimpleName();
      log.warn("email account {}: IMAP round stopped ({}); it resumes from the last accepted message next round",
          account.id(), error);
    } finally {
      states.release(account.id(), folderName, token, error);
    }
    return new PollResult(account.id(), accepted, duplicates, false, error);
  }

  /** EMAIL accounts with IMAP settings: the enabled ones in channel_account and the default tenant's from env. */
  List<ChannelAccount> mailboxes() {
    Set<String> ids = new LinkedHashSet<>(jdbc.sql(
            "SELECT id FROM channel_account WHERE channel = :channel AND enabled = TRUE ORDER BY id")
        .param("channel", Channel.EMAIL.name()).query(String.class).list());
    ids.add(EmailAccountSettings.ENVIRONMENT_ACCOUNT_ID);
    List<ChannelAccount> mailboxes = new ArrayList<>();
    for (String id : ids) {
      accounts.byId(id).filter(a -> EmailAccountSettings.hasImap(a, environment::getProperty))
          .ifPresent(mailboxes::add);
    }
    return mailboxes;
  }

  private List<Message> newMessages(Folder folder, UIDFolder uids, long lastUid) throws MessagingException {
    // n:* always includes the highest UID, even when it is below n: filter by UID again.
    Message[] candidates = uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.SIZE);
    folder.fetch(candidates, profile);
    List<Message> fresh = new ArrayList<>();
    for (Message message : candidates) {
      if (message != null && uids.getUID(message) > lastUid) {
        fresh.add(message);
      }
    }
    fresh.sort(Comparator.comparingLong(m -> uid(uids, m)));
    return fresh.size() > properties.batchSize() ? fresh.subList(0, properties.batchSize()) : fresh;
  }

  private static long uid(UIDFolder uids, Message message) {
    try {
      return uids.getUID(message);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private InboundMessage toInbound(ChannelAccount account, Session session, MimeMessage message, long validity,
      long uid) throws MessagingException, IOException {
    MimeMessage source = message;
    String raw;
    int size = message.getSize();
    if (size >= 0 && size <= properties.rawPayloadMaxSize().toBytes()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(size, 1024));
      message.writeTo(bytes);
      // One fetch of the whole source, parsed locally, instead of one round trip per MIME part.
      source = new MimeMessage(session, new ByteArrayInputStream(bytes.toByteArray()));
      raw = bytes.toString(StandardCharsets.UTF_8);
    } else {
      raw = String.join("\r\n", Collections.list(message.getAllHeaderLines())) + "\r\n\r\n[body of "
          + size + " bytes not kept: see the message's documents]";
    }
    ParsedEmail parsed;
    try {
      parsed = MimeParser.parse(source);
    } catch (MessagingException | IOException | RuntimeException malformed) {
      // A message we cannot take apart is still a message: keep it with its raw source for an agent to see.
      parsed = new ParsedEmail(EmailMessages.headerId(source, "Message-ID"), EmailMessages.fromAddress(source),
          null, EmailMessages.subject(source), "[this email could not be read; its source is kept]",
          EmailMessages.headerId(source, "In-Reply-To"), List.of(), List.of());
    }
    String providerId = parsed.messageId() != null ? parsed.messageId()
        : "<imap." + validity + "." + uid + "." + account.id() + "@switchboard.invalid>";
    return new InboundMessage(account.id(), Channel.EMAIL, providerId, parsed.fromAddress(), account.address(),
        parsed.fromName(), parsed.subject(), parsed.body(), parsed.inReplyTo(), parsed.references(), parsed.media(),
        clock.instant(), raw);
  }

  private Properties sessionProperties(ChannelAccount account) {
    String protocol = protocol(account);
    String timeout = Integer.toString(EmailAccountSettings.timeoutMillis(account));
    Properties p = new Properties();
    p.put("mail.store.protocol", protocol);
    p.put("mail." + protocol + ".connectiontimeout", timeout);
    p.put("mail." + protocol + ".timeout", timeout);
    p.put("mail." + protocol + ".writetimeout", timeout);
    if ("imaps".equals(protocol)) {
      p.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    return p;
  }

  private String protocol(ChannelAccount account) {
    return setting(account, EmailAccountSettings.IMAP_SSL).map(Boolean::parseBoolean).orElse(true) ? "imaps" : "imap";
  }

  private int port(ChannelAccount account) {
    return setting(account, EmailAccountSettings.IMAP_PORT).map(Integer::parseInt)
        .orElse("imaps".equals(protocol(account)) ? 993 : 143);
  }

  private Optional<String> setting(ChannelAccount account, String key) {
    return EmailAccountSettings.setting(account, key, environment::getProperty);
  }
}
