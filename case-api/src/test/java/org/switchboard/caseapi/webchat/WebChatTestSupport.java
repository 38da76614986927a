package org.switchboard.caseapi.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** Web chat accounts with chosen settings, and sessions started through the real endpoint. */
@Component
public class WebChatTestSupport {

  static final String PARTNER = "https://partner.example";

  private final ChannelAccountRepository repository;
  private final JdbcChannelAccounts accounts;
  private final TestFixtures fixtures;
  private final Clock clock;

  public WebChatTestSupport(ChannelAccountRepository repository, JdbcChannelAccounts accounts, TestFixtures fixtures,
      Clock clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.fixtures = fixtures;
    this.clock = clock;
  }

  /** A web chat account of the tenant that lets {@link #PARTNER} embed it, plus the given settings. */
  public ChannelAccount account(String tenantId, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of(WebChatAccount.ALLOWED_ORIGINS, PARTNER,
        WebChatAccount.TITLE, "Talk to us", WebChatAccount.EXIT_URL, "https://weather.example/today"));
    all.putAll(settings);
    ChannelAccount account = new ChannelAccount(UUID.randomUUID().toString(), tenantId, Channel.WEBCHAT,
        WebChatSender.PROVIDER, "chat-" + UUID.randomUUID().toString().substring(0, 8), null, all, Map.of());
    Instant now = clock.instant();
    repository.insert(new StoredAccount(account, true, now, now));
    accounts.evictAll();
    return account;
  }

  /** Starts a session through POST /chat/sessions; returns the response JSON (sessionId, token, socketPath). */
  public JsonNode start(ChannelAccount account, Map<String, Object> form) {
    Map<String, Object> body = new HashMap<>(form);
    body.put("account", account.address());
    ApiClient.Response response = fixtures.anonymous().post("/chat/sessions", body);
    if (response.status() != 201) {
      throw new AssertionError("Session not started: " + response);
    }
    return response.json();
  }

  public ChatSocket connect(ChannelAccount account) {
    return ChatSocket.connect(fixtures.baseUrl(), account.address(), fixtures.baseUrl());
  }

  /** A connected, authenticated socket of a new session; the ready frame has been received. */
  public Connected open(ChannelAccount account) {
    JsonNode started = start(account, Map.of("nickname", "Sam"));
    ChatSocket socket = connect(account).auth(started.path("token").asText());
    socket.await("ready");
    return new Connected(started.path("sessionId").asText(), started.path("token").asText(), socket);
  }

  record Connected(String sessionId, String token, ChatSocket socket) {
  }
}
