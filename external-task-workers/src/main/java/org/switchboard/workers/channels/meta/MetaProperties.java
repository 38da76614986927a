package org.switchboard.workers.channels.meta;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Meta Graph API settings ({@code switchboard.workers.meta.*}) for the WhatsApp Cloud API, Messenger and
 * Instagram. A channel account's settings {@code baseUrl}, {@code graphVersion} and {@code templateLanguage}
 * override these for that account.
 *
 * @param baseUrl Graph API scheme and host; tests and staging point it at a local peer
 * @param graphVersion path prefix of every call, e.g. {@code v21.0}
 * @param templateLanguage language code of WhatsApp template sends
 */
@ConfigurationProperties("switchboard.workers.meta")
public record MetaProperties(
    @DefaultValue(MetaProperties.DEFAULT_BASE_URL) String baseUrl,
    @DefaultValue("v21.0") String graphVersion,
    @DefaultValue("en_US") String templateLanguage,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout) {

  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

  public static MetaProperties defaults() {
    return new MetaProperties(DEFAULT_BASE_URL, "v21.0", "en_US", Duration.ofSeconds(5), Duration.ofSeconds(20));
  }

  /** {@code https://graph.facebook.com/v21.0} for the account (no trailing slash). */
  public String graphUrl(org.switchboard.workers.channels.ChannelAccount account) {
    String base = account.setting("baseUrl").orElse(baseUrl);
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return base + "/" + account.setting("graphVersion").orElse(graphVersion);
  }
}
