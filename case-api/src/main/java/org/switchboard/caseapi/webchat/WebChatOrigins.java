package org.switchboard.caseapi.webchat;

import java.net.URI;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Which origins may talk to an account's chat: the app's own (the page and its iframe are served by the app),
 * the configured public origins of the app, and the account's {@code allowedOrigins} (sites that build their own
 * front end on the socket). A request without an Origin header is refused: every browser sends one on a
 * WebSocket handshake and a cross-origin POST.
 */
@Component
public class WebChatOrigins {

  private final WebChatProperties properties;

  public WebChatOrigins(WebChatProperties properties) {
    this.properties = properties;
  }

  public boolean allowed(WebChatAccount account, String origin, URI requestUri) {
    String claimed = WebChatAccount.normaliseOrigin(origin);
    if (claimed == null) {
      return false;
    }
    if (claimed.equals(WebChatAccount.normaliseOrigin(httpUri(requestUri)))) {
      return true;
    }
    if (properties.publicOrigins().stream().map(WebChatAccount::normaliseOrigin).filter(Objects::nonNull)
        .anyMatch(claimed::equals)) {
      return true;
    }
    return account.allowedOrigins().contains(claimed);
  }

  private static String httpUri(URI uri) {
    if (uri == null || uri.getScheme() == null) {
      return null;
    }
    String scheme = switch (uri.getScheme()) {
      case "ws" -> "http";
      case "wss" -> "https";
      default -> uri.getScheme();
    };
    return scheme + "://" + uri.getRawAuthority();
  }
}
