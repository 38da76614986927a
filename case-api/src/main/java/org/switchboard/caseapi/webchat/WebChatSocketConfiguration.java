package org.switchboard.caseapi.webchat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Registers {@code /chat/socket} with its size limits; origins are checked by {@link WebChatHandshake}. */
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

  @Bean
  ServletServerContainerFactoryBean webSocketContainer(WebChatProperties properties) {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    int max = (int) properties.maxFrameSize().toBytes();
    container.setMaxTextMessageBufferSize(max);
    container.setMaxBinaryMessageBufferSize(1024);
    container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis());
    return container;
  }
}
