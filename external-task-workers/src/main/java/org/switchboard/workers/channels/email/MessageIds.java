package org.switchboard.workers.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message-IDs in one canonical form, {@code <local@domain>}, everywhere they are stored or compared: the provider
 * message id of an email (ours on the way out, the sender's on the way in), In-Reply-To and References.
 */
public final class MessageIds {

  private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

  private MessageIds() {
  }

  /** Our Message-ID for a Switchboard message: stable per message, so a retried send carries the same id. */
  public static String forMessage(String messageId, String domain) {
    return "<" + messageId + "@" + domain + ">";
  }

  /** The first id in a header value, bracketed; null when there is none. */
  public static String normalise(String headerValue) {
    List<String> ids = parseList(headerValue);
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    if (headerValue == null || headerValue.isBlank()) {
      return null;
    }
    String bare = headerValue.trim();
    return bare.contains(" ") ? null : "<" + bare + ">";
  }

  /** Every id in a References (or In-Reply-To) header, in order, bracketed. */
  public static List<String> parseList(String headerValue) {
    List<String> ids = new ArrayList<>();
    if (headerValue == null) {
      return ids;
    }
    Matcher m = ID.matcher(headerValue);
    while (m.find()) {
      ids.add("<" + m.group(1) + ">");
    }
    return ids;
  }
}
