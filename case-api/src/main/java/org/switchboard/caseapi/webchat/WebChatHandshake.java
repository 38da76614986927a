package org.switchboard.caseapi.webchat;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admits a socket to {@code /chat/socket?account=<address>} only for a known web chat account and an origin
 * the account allows (403 and an audit event otherwise). The token is checked on the first frame, not here, so
 * it never appears in a URL or an access log.
 */
@Component
public class WebChatHandshake implements HandshakeInterceptor {

  private final WebChatAccounts accounts;
  private final WebChatOrigins origins;
  private final WebChatAudit audit;

  public WebChatHandshake(WebChatAccounts accounts, WebChatOrigins origins, WebChatAudit audit) {
    this.accounts = accounts;
    this.origins = origins;
    this.audit = audit;
  }

  @Override
  public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Map<String, Object> attributes) {
    String address = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("account");
    Optional<WebChatAccount> account = address == null ? Optional.empty()
        : accounts.byAddress(org.springframework.web.util.UriUtils.decode(address,
            java.nio.charset.StandardCharsets.UTF_8));
    if (account.isEmpty()) {
      response.setStatusCode(HttpStatus.NOT_FOUND);
      return false;
    }
    String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
    String source = source(request);
    if (!origins.allowed(account.get(), origin, request.getURI())) {
      audit.originRefused(account.get().id(), origin, "/chat/socket", source);
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }
    attributes.put(WebChatSocketHandler.ACCOUNT_ID, account.get().id());
    attributes.put(WebChatSocketHandler.SOURCE, source);
    return true;
  }

  @Override
  public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Exception exception) {
  }

  private static String source(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote == null ? null : remote.getHostString();
  }
}
