package org.switchboard.caseapi.conversations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Channel accounts and inbound messages for tests, each with unique addresses and provider ids. */
@Component
public class ConversationTestSupport {

  private final ChannelAccountRepository repository;
  private final JdbcChannelAccounts accounts;
  private final InboundReception reception;
  private final JdbcClient jdbc;
  private final MessageCipher cipher;
  private final Clock clock;

  public ConversationTestSupport(ChannelAccountRepository repository, JdbcChannelAccounts accounts,
      InboundReception reception, JdbcClient jdbc, MessageCipher cipher, Clock clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.reception = reception;
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  public ChannelAccount account(String tenantId, Channel channel, String caseType) {
    return account(tenantId, channel, caseType,
        channel == Channel.EMAIL ? "smtp" : channel == Channel.WEBCHAT ? "webchat" : "twilio");
  }

  public ChannelAccount account(String tenantId, Channel channel, String caseType, String provider) {
    return account(tenantId, channel, caseType, provider, Map.of());
  }

  /** An account with settings, e.g. {@code chatbot=true} for the tenant's bot. */
  public ChannelAccount account(String tenantId, Channel channel, String caseType, String provider,
      Map<String, String> settings) {
    String address = switch (channel) {
      case SMS, WHATSAPP -> "+44" + String.format("%010d",
          Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000_000L));
      case EMAIL -> "help-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
      default -> "acct-" + UUID.randomUUID();
    };
    ChannelAccount account = new ChannelAccount(UUID.randomUUID().toString(), tenantId, channel, provider, address,
        caseType, settings, Map.of());
    Instant now = clock.instant();
    repository.insert(new StoredAccount(account, true, now, now));
    accounts.evictAll();
    return account;
  }

  public InboundMessage message(ChannelAccount account, String from, String body) {
    return new InboundMessage(account.id(), account.channel(), "pm-" + UUID.randomUUID(), from, account.address(),
        null, null, body, null, List.of(), List.of(), clock.instant(), "{\"raw\":true}");
  }

  public InboundMessage email(ChannelAccount account, String messageId, String from, String subject, String body,
      String inReplyTo, List<String> references) {
    return new InboundMessage(account.id(), Channel.EMAIL, messageId, from, account.address(), null, subject, body,
        inReplyTo, references, List.of(), clock.instant(), "raw mime");
  }

  public InboundMessage withMedia(ChannelAccount account, String from, String body, InboundMessage.Media media) {
    return new InboundMessage(account.id(), account.channel(), "pm-" + UUID.randomUUID(), from, account.address(),
        null, null, body, null, List.of(), List.of(media), clock.instant(), null);
  }

  public JdbcChannelAccounts accounts() {
    return accounts;
  }

  public InboundReception.Acceptance accept(InboundMessage message) {
    return reception.accept(message);
  }

  public Map<String, Object> row(String messageId) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id").param("id", messageId).query().singleRow();
  }

  public String body(String messageId) {
    Map<String, Object> row = row(messageId);
    return cipher.open(MessageCipher.MESSAGE, messageId, "body", (String) row.get("tenant_id"),
        (String) row.get("body"));
  }
}
