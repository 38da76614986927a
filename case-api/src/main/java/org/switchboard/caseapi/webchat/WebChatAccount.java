package org.switchboard.caseapi.webchat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * A WEBCHAT channel account read as the widget needs it. Every setting is a string in the account's settings
 * (docs/channels-webchat.md lists them); what is missing takes a neutral default.
 */
public record WebChatAccount(ChannelAccount account, String title, String intro, String agentLabel, String exitUrl,
    List<String> allowedOrigins, Field nickname, Field topic, List<String> topics, Field consent,
    String consentText) {

  public static final String TITLE = "title";
  public static final String INTRO = "intro";
  public static final String AGENT_LABEL = "agentLabel";
  public static final String EXIT_URL = "exitUrl";
  public static final String ALLOWED_ORIGINS = "allowedOrigins";
  public static final String NICKNAME = "prechat.nickname";
  public static final String TOPIC = "prechat.topic";
  public static final String TOPICS = "prechat.topics";
  public static final String CONSENT = "prechat.consent";
  public static final String CONSENT_TEXT = "prechat.consentText";

  /** Whether the pre-chat form shows a field and whether it must be filled. */
  public enum Field {
    OFF, OPTIONAL, REQUIRED;

    static Field parse(String value, Field fallback) {
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return fallback;
      }
    }

    public boolean shown() {
      return this != OFF;
    }
  }

  public static WebChatAccount of(ChannelAccount account, String defaultExitUrl) {
    String exit = account.setting(EXIT_URL).filter(WebChatAccount::isHttpUrl).orElse(defaultExitUrl);
    List<String> origins = account.setting(ALLOWED_ORIGINS)
        .map(v -> Arrays.stream(v.split("[\\s,]+")).map(WebChatAccount::normaliseOrigin)
            .filter(o -> o != null).distinct().toList())
        .orElse(List.of());
    List<String> topics = account.setting(TOPICS)
        .map(v -> Arrays.stream(v.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
    return new WebChatAccount(account,
        account.setting(TITLE).orElse("Chat"),
        account.setting(INTRO).orElse("Start a conversation with us. You can leave at any time with "
            + "Quick exit or the Esc key."),
        account.setting(AGENT_LABEL).orElse("Advisor"),
        exit, origins,
        Field.parse(account.settings().get(NICKNAME), Field.OPTIONAL),
        Field.parse(account.settings().get(TOPIC), Field.OFF),
        topics,
        Field.parse(account.settings().get(CONSENT), Field.OFF),
        account.setting(CONSENT_TEXT).orElse("I agree that my messages are kept to answer me."));
  }

  public String id() {
    return account.id();
  }

  public String tenantId() {
    return account.tenantId();
  }

  public String address() {
    return account.address();
  }

  /** {@code scheme://host[:port]} in lower case, default ports dropped; null when it is not an http(s) origin. */
  public static String normaliseOrigin(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(value.trim());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
          || ("https".equals(scheme) && port == 443);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isHttpUrl(String value) {
    return normaliseOrigin(value) != null || "about:blank".equals(value);
  }
}
