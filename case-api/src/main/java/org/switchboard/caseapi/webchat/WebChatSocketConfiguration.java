package org.switchboard.caseapi.webchat;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers {@code /chat/socket}; origins are checked by {@link WebChatHandshake}, frame sizes are set per socket
 * by {@link WebChatSocketHandler} (so contexts without a servlet container, e.g. mock-web tests, start too).
 */
@Configuration
@EnableWebSocket
public class WebChatSocketConfiguration implements WebSocketConfigurer {

  public static final String PATH = "/chat/socket";

  private final WebChatSocketHandler handler;
  private final WebChatHandshake handshake;

  public WebChatSocketConfiguration(WebChatSocketHandler handler, WebChatHandshake handshake) {
    this.handler = handler;
    this.handshake = handshake;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Spring's own same-origin check would refuse the account's allowed origins; WebChatHandshake decides.
    registry.addHandler(handler, PATH).addInterceptors(handshake).setAllowedOriginPatterns("*");
  }
}
