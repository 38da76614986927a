package org.switchboard.workers.channels.email;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The keys an EMAIL channel account uses (docs/channels-email.md). One account is one mailbox: it sends over
 * SMTP (provider {@code smtp}) and, when it has IMAP settings, is polled for inbound mail. Passwords are secret
 * refs, never settings.
 */
public final class EmailAccountSettings {

  public static final String PROVIDER = "smtp";

  public static final String SMTP_HOST = "smtpHost";
  public static final String SMTP_PORT = "smtpPort";
  /** {@code starttls} (default; required, not opportunistic), {@code ssl} (implicit TLS) or {@code none}. */
  public static final String SMTP_SECURITY = "smtpSecurity";
  public static final String SMTP_USERNAME = "smtpUsername";
  /** Domain of the Message-IDs we generate; defaults to the domain of the account's address. */
  public static final String MESSAGE_ID_DOMAIN = "messageIdDomain";
  /** Display name put in From. */
  public static final String FROM_NAME = "fromName";
  /** {@code true}: outbound mail also carries a simple HTML alternative of the text body. */
  public static final String HTML_ALTERNATIVE = "htmlAlternative";
  /** Connect/read/write timeout in milliseconds for SMTP and IMAP (default 10000). */
  public static final String TIMEOUT_MILLIS = "timeoutMillis";

  public static final String IMAP_HOST = "imapHost";
  public static final String IMAP_PORT = "imapPort";
  /** {@code true} (default): implicit TLS (imaps); {@code false}: plain IMAP, for local test servers only. */
  public static final String IMAP_SSL = "imapSsl";
  public static final String IMAP_USERNAME = "imapUsername";
  public static final String IMAP_FOLDER = "imapFolder";

  /** Secret ref names. */
  public static final String SMTP_PASSWORD_SECRET = "smtpPassword";
  public static final String IMAP_PASSWORD_SECRET = "imapPassword";
  public static final String WEBHOOK_SECRET = "webhookSecret";

  /** Id of the default tenant's mailbox that case-api builds from the {@code SMTP_*}/{@code IMAP_*} environment. */
  public static final String ENVIRONMENT_ACCOUNT_ID = "default-email";

  /**
   * Settings of the environment account that may come straight from the environment when the account does not
   * carry them (SMTP_SECURITY, IMAP_SSL, IMAP_FOLDER and the rest for completeness).
   */
  private static final Map<String, String> ENVIRONMENT_FALLBACK = Map.ofEntries(
      Map.entry(SMTP_HOST, "SMTP_HOST"), Map.entry(SMTP_PORT, "SMTP_PORT"), Map.entry(SMTP_SECURITY, "SMTP_SECURITY"),
      Map.entry(SMTP_USERNAME, "SMTP_USERNAME"), Map.entry(IMAP_HOST, "IMAP_HOST"), Map.entry(IMAP_PORT, "IMAP_PORT"),
      Map.entry(IMAP_SSL, "IMAP_SSL"), Map.entry(IMAP_USERNAME, "IMAP_USERNAME"),
      Map.entry(IMAP_FOLDER, "IMAP_FOLDER"));

  private EmailAccountSettings() {
  }

  public static boolean isEmail(ChannelAccount account) {
    return account.channel() == Channel.EMAIL && PROVIDER.equalsIgnoreCase(account.provider());
  }

  /** A setting of the account; for the default tenant's environment account, else its environment variable. */
  public static Optional<String> setting(ChannelAccount account, String key, Function<String, String> environment) {
    Optional<String> value = account.setting(key);
    if (value.isPresent() || !ENVIRONMENT_ACCOUNT_ID.equals(account.id()) || !ENVIRONMENT_FALLBACK.containsKey(key)) {
      return value;
    }
    return Optional.ofNullable(environment.apply(ENVIRONMENT_FALLBACK.get(key))).map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  public static boolean hasImap(ChannelAccount account, Function<String, String> environment) {
    return account.channel() == Channel.EMAIL && setting(account, IMAP_HOST, environment).isPresent();
  }

  public static int timeoutMillis(ChannelAccount account) {
    return account.setting(TIMEOUT_MILLIS).map(Integer::parseInt).orElse(10_000);
  }

  public static String messageIdDomain(ChannelAccount account) {
    return account.setting(MESSAGE_ID_DOMAIN).orElseGet(() -> {
      String address = account.address();
      int at = address.lastIndexOf('@');
      return at >= 0 && at < address.length() - 1 ? address.substring(at + 1) : "switchboard.invalid";
    });
  }
}
