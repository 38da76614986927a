package org.switchboard.workers.channels.email;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The keys an EMAIL channel account uses (docs/channels-email.md). One account is one mailbox: it sends over
 * SMTP and, when it has IMAP settings, is polled for inbound mail. Passwords are secret refs, never settings.
 */
public final class EmailAccountSettings {

  public static final String PROVIDER = "smtp";

  public static final String SMTP_HOST = "smtp.host";
  public static final String SMTP_PORT = "smtp.port";
  /** {@code starttls} (default; required, not opportunistic), {@code ssl} (implicit TLS) or {@code none}. */
  public static final String SMTP_SECURITY = "smtp.security";
  public static final String SMTP_USERNAME = "smtp.username";
  /** Domain of the Message-IDs we generate; defaults to the domain of the account's address. */
  public static final String MESSAGE_ID_DOMAIN = "messageIdDomain";
  /** Display name put in From. */
  public static final String FROM_NAME = "fromName";
  /** {@code true}: outbound mail also carries a simple HTML alternative of the text body. */
  public static final String HTML_ALTERNATIVE = "htmlAlternative";
  /** Connect/read/write timeout in milliseconds for SMTP and IMAP (default 10000). */
  public static final String TIMEOUT_MILLIS = "timeoutMillis";

  public static final String IMAP_HOST = "imap.host";
  public static final String IMAP_PORT = "imap.port";
  /** {@code true} (default): implicit TLS (imaps); {@code false}: plain IMAP, for local test servers only. */
  public static final String IMAP_SSL = "imap.ssl";
  public static final String IMAP_USERNAME = "imap.username";
  public static final String IMAP_FOLDER = "imap.folder";

  /** Secret ref names. */
  public static final String SMTP_PASSWORD_SECRET = "smtpPassword";
  public static final String IMAP_PASSWORD_SECRET = "imapPassword";
  public static final String WEBHOOK_SECRET = "webhookSecret";

  /** Id of the default tenant's mailbox built from {@code SMTP_*}/{@code IMAP_*} environment variables. */
  public static final String ENVIRONMENT_ACCOUNT_ID = "env-email-default";
  public static final String DEFAULT_TENANT = "default";

  private EmailAccountSettings() {
  }

  public static boolean isEmail(ChannelAccount account) {
    return account.channel() == Channel.EMAIL && PROVIDER.equalsIgnoreCase(account.provider());
  }

  public static boolean hasImap(ChannelAccount account) {
    return account.setting(IMAP_HOST).isPresent();
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

  /**
   * The default tenant's mailbox when {@code SMTP_FROM} (or {@code IMAP_USERNAME}) is set: SMTP_HOST, SMTP_PORT,
   * SMTP_USERNAME, SMTP_PASSWORD, SMTP_SECURITY, IMAP_HOST, IMAP_PORT, IMAP_USERNAME, IMAP_PASSWORD, IMAP_SSL,
   * IMAP_FOLDER, EMAIL_WEBHOOK_SECRET. Secrets stay refs: the password is read at use, never copied.
   */
  public static Optional<ChannelAccount> fromEnvironment(Function<String, String> environment) {
    String address = firstNonBlank(environment.apply("SMTP_FROM"), environment.apply("IMAP_USERNAME"));
    if (address == null || !address.contains("@")) {
      return Optional.empty();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    copy(environment, "SMTP_HOST", settings, SMTP_HOST);
    copy(environment, "SMTP_PORT", settings, SMTP_PORT);
    copy(environment, "SMTP_SECURITY", settings, SMTP_SECURITY);
    copy(environment, "SMTP_USERNAME", settings, SMTP_USERNAME);
    copy(environment, "IMAP_HOST", settings, IMAP_HOST);
    copy(environment, "IMAP_PORT", settings, IMAP_PORT);
    copy(environment, "IMAP_SSL", settings, IMAP_SSL);
    copy(environment, "IMAP_USERNAME", settings, IMAP_USERNAME);
    copy(environment, "IMAP_FOLDER", settings, IMAP_FOLDER);
    Map<String, String> secrets = Map.of(SMTP_PASSWORD_SECRET, "SMTP_PASSWORD", IMAP_PASSWORD_SECRET, "IMAP_PASSWORD",
        WEBHOOK_SECRET, "EMAIL_WEBHOOK_SECRET");
    return Optional.of(new ChannelAccount(ENVIRONMENT_ACCOUNT_ID, DEFAULT_TENANT, Channel.EMAIL, PROVIDER,
        address.trim(), null, settings, secrets));
  }

  private static void copy(Function<String, String> environment, String variable, Map<String, String> settings,
      String key) {
    String value = environment.apply(variable);
    if (value != null && !value.isBlank()) {
      settings.put(key, value.trim());
    }
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
