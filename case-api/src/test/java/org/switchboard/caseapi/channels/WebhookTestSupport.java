package org.switchboard.caseapi.channels;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * Channel accounts with secrets, and requests signed the way the providers sign them, computed here from the
 * published algorithms (not with the code under test). Secrets are system properties with unique names: the app
 * reads secrets through Spring's Environment, which sees them like environment variables.
 */
@Component
public class WebhookTestSupport {

  private final ChannelAccountRepository repository;
  private final JdbcChannelAccounts accounts;
  private final JdbcClient jdbc;
  private final Clock clock;

  public WebhookTestSupport(ChannelAccountRepository repository, JdbcChannelAccounts accounts, JdbcClient jdbc,
      Clock clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** An account whose secrets (name to value) are set under fresh variable names; a null value leaves it unset. */
  public ChannelAccount account(String tenantId, Channel channel, String provider, String address,
      Map<String, String> settings, Map<String, String> secrets) {
    Map<String, String> refs = new TreeMap<>();
    secrets.forEach((name, value) -> {
      String variable = "SB_TEST_" + name.toUpperCase() + "_" + UUID.randomUUID().toString().replace("-", "");
      refs.put(name, variable);
      if (value != null) {
        System.setProperty(variable, value);
      }
    });
    ChannelAccount account = new ChannelAccount(UUID.randomUUID().toString(), tenantId, channel, provider, address,
        null, settings, refs);
    Instant now = clock.instant();
    repository.insert(new StoredAccount(account, true, now, now));
    accounts.evictAll();
    return account;
  }

  public static String uniqueNumber() {
    return "+4477" + String.format("%08d", (long) (Math.random() * 100_000_000L));
  }

  /** Twilio: Base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value, sorted by name)). */
  public static String twilioSignature(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Meta: sha256= + hex(HMAC-SHA256(app secret, raw body)). */
  public static String metaSignature(String appSecret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
  }

  public static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public List<Map<String, Object>> messages(Channel channel, String providerMessageId) {
    return jdbc.sql("SELECT * FROM message WHERE channel = :c AND provider_message_id = :p")
        .param("c", channel.name()).param("p", providerMessageId).query().listOfRows();
  }

  /** Refusal events recorded for an account (or, with null, for requests that named no known account). */
  public List<Map<String, Object>> refusals(String accountId) {
    return jdbc.sql("SELECT * FROM audit_event WHERE action = 'WEBHOOK_REFUSED' AND "
            + (accountId == null ? "object_id IS NULL" : "object_id = :id") + " ORDER BY seq")
        .params(accountId == null ? Map.of() : Map.of("id", accountId)).query().listOfRows();
  }

  public long refusalCount() {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'WEBHOOK_REFUSED'").query(Long.class).single();
  }

  /** An outbound message in the send ledger as if the provider had taken it. */
  public String outbound(ChannelAccount account, String providerMessageId, String state) {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    jdbc.sql("""
        INSERT INTO message (id, tenant_id, channel, direction, account_id, provider_message_id, state, attempts,
          created_at, updated_at)
        VALUES (:id, :t, :c, 'OUTBOUND', :a, :p, :s, 1, :now, :now)
        """).param("id", id).param("t", account.tenantId()).param("c", account.channel().name())
        .param("a", account.id()).param("p", providerMessageId).param("s", state)
        .param("now", java.sql.Timestamp.from(now)).update();
    return id;
  }

  public String state(String messageId) {
    return jdbc.sql("SELECT state FROM message WHERE id = :id").param("id", messageId).query(String.class).single();
  }

  private static byte[] hmac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
