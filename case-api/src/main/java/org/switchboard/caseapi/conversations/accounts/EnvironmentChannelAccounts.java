package org.switchboard.caseapi.conversations.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The default tenant's accounts as the environment defines them (docs/conversations.md, "Configuration"), so a
 * deployment enables a channel by setting the provider's variables alone. They are not stored: their ids are fixed
 * and the admin API shows them read-only. Secrets stay in the environment; only the variable names are kept. The
 * web chat account always exists: it is the channel that needs no third party.
 */
@Component
public class EnvironmentChannelAccounts {

  public static final String SMS_ID = "default-sms";
  public static final String WHATSAPP_ID = "default-whatsapp";
  public static final String EMAIL_ID = "default-email";
  public static final String WEBCHAT_ID = "default-webchat";
  /** Address of the default tenant's web chat. */
  public static final String WEBCHAT_ADDRESS = "default";

  private final Environment environment;

  public EnvironmentChannelAccounts(Environment environment) {
    this.environment = environment;
  }

  public List<ChannelAccount> all() {
    List<ChannelAccount> accounts = new ArrayList<>();
    sms().ifPresent(accounts::add);
    whatsapp().ifPresent(accounts::add);
    email().ifPresent(accounts::add);
    accounts.add(new ChannelAccount(WEBCHAT_ID, TenantDirectory.DEFAULT_TENANT, Channel.WEBCHAT, "webchat",
        WEBCHAT_ADDRESS, null, Map.of(), Map.of()));
    return accounts;
  }

  public boolean isEnvironmentAccount(String id) {
    return id != null && all().stream().anyMatch(a -> a.id().equals(id));
  }

  /** Whether each secret of the account is set in the environment (its value is never shown). */
  public Map<String, Boolean> secretsConfigured(ChannelAccount account) {
    Map<String, Boolean> configured = new java.util.TreeMap<>();
    account.secretRefs().forEach((name, variable) -> configured.put(name, value(variable) != null));
    return configured;
  }

  /** The secret's value, for adapters that call the provider. */
  public Optional<String> secret(ChannelAccount account, String name) {
    return account.secret(name, this::value);
  }

  private Optional<ChannelAccount> sms() {
    String number = value("TWILIO_PHONE_NUMBER");
    String sid = value("TWILIO_ACCOUNT_SID");
    if (number == null || sid == null || value("TWILIO_AUTH_TOKEN") == null) {
      return Optional.empty();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("accountSid", sid);
    put(settings, "baseUrl", "TWILIO_BASE_URL");
    put(settings, "publicUrl", "TWILIO_WEBHOOK_PUBLIC_URL");
    return Optional.of(new ChannelAccount(SMS_ID, TenantDirectory.DEFAULT_TENANT, Channel.SMS, "twilio",
        number.strip(), null, settings, Map.of("authToken", "TWILIO_AUTH_TOKEN")));
  }

  private Optional<ChannelAccount> whatsapp() {
    String phoneNumberId = value("WHATSAPP_PHONE_NUMBER_ID");
    if (phoneNumberId == null) {
      return Optional.empty();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("phoneNumberId", phoneNumberId);
    put(settings, "baseUrl", "WHATSAPP_GRAPH_BASE_URL");
    return Optional.of(new ChannelAccount(WHATSAPP_ID, TenantDirectory.DEFAULT_TENANT, Channel.WHATSAPP, "meta",
        phoneNumberId.strip(), null, settings, Map.of("accessToken", "WHATSAPP_ACCESS_TOKEN",
        "appSecret", "WHATSAPP_APP_SECRET", "verifyToken", "WHATSAPP_VERIFY_TOKEN")));
  }

  private Optional<ChannelAccount> email() {
    boolean smtp = value("SMTP_HOST") != null;
    boolean imap = value("IMAP_HOST") != null;
    String address = Optional.ofNullable(value("SMTP_FROM")).orElse(value("IMAP_USERNAME"));
    if (!smtp && !imap || address == null) {
      return Optional.empty();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    put(settings, "smtpHost", "SMTP_HOST");
    put(settings, "smtpPort", "SMTP_PORT");
    put(settings, "smtpUsername", "SMTP_USERNAME");
    put(settings, "from", "SMTP_FROM");
    put(settings, "imapHost", "IMAP_HOST");
    put(settings, "imapPort", "IMAP_PORT");
    put(settings, "imapUsername", "IMAP_USERNAME");
    Map<String, String> secrets = new LinkedHashMap<>();
    if (smtp) {
      secrets.put("smtpPassword", "SMTP_PASSWORD");
    }
    if (imap) {
      secrets.put("imapPassword", "IMAP_PASSWORD");
    }
    return Optional.of(new ChannelAccount(EMAIL_ID, TenantDirectory.DEFAULT_TENANT, Channel.EMAIL,
        smtp ? "smtp" : "imap", address.strip().toLowerCase(java.util.Locale.ROOT), null, settings, secrets));
  }

  private void put(Map<String, String> settings, String name, String variable) {
    String v = value(variable);
    if (v != null) {
      settings.put(name, v.strip());
    }
  }

  private String value(String variable) {
    String v = environment.getProperty(variable);
    return v == null || v.isBlank() ? null : v;
  }
}
