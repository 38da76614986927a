package org.switchboard.caseapi.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.HeadlessChromium;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.OutboundMessage;

/**
 * The page in a real browser (Debian's chromium, headless, over the DevTools protocol): pre-chat validation,
 * sending, an agent message with its read receipt, and quick exit by the Esc key, after which Back does not
 * return to the chat. Skipped where chromium is not installed.
 */
@SwitchboardTest
class WebChatBrowserTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Autowired TestFixtures fixtures;
  @Autowired WebChatTestSupport chat;
  @Autowired WebChatSender sender;
  @Autowired JdbcClient jdbc;

  @Test
  void preChatSendReceiveAndQuickExitThatBackDoesNotUndo() throws Exception {
    assumeTrue(HeadlessChromium.available(), "chromium is not installed at " + HeadlessChromium.EXECUTABLE);
    String base = fixtures.baseUrl();
    String exitUrl = base + "/actuator/health";
    ChannelAccount account = chat.account(fixtures.tenant("survivor-support"), Map.of(
        WebChatAccount.CONSENT, "required", WebChatAccount.EXIT_URL, exitUrl));
    String chatUrl = base + "/chat?account=" + account.address();

    try (HeadlessChromium browser = new HeadlessChromium()) {
      browser.navigate("data:text/html,<title>start</title>start page", "document.title === 'start'");
      browser.navigate(chatUrl, "location.pathname === '/chat' && !document.getElementById('field-consent').hidden");

      // Consent is required: the form says so at the field and starts nothing.
      browser.eval("document.getElementById('start').click()");
      browser.awaitTrue("document.getElementById('consent-error').textContent.length > 0");
      assertThat(browser.evalString("document.getElementById('consent').getAttribute('aria-invalid')"))
          .isEqualTo("true");
      assertThat(browser.evalString("document.activeElement.id")).isEqualTo("consent");
      assertThat(sessionCount(account)).isZero();

      browser.eval("document.getElementById('nickname').value = 'Robin';"
          + "document.getElementById('consent').click(); document.getElementById('start').click()");
      browser.awaitTrue("!document.getElementById('chat').hidden && document.getElementById('status').textContent === ''");
      String sessionId = jdbc.sql("SELECT id FROM webchat_session WHERE account_id = :a")
          .param("a", account.id()).query(String.class).single();
      assertThat(browser.evalString("sessionStorage.getItem('sbchat:" + account.address() + ":token')")).isNotBlank();

      browser.eval("document.getElementById('text').value = 'Hello from a browser';"
          + "document.getElementById('send').click()");
      browser.awaitTrue("(function () { var m = document.querySelector('li.msg.mine');"
          + " return !!m && m.dataset.state === 'sent'; })()");
      assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE channel = 'WEBCHAT' AND provider_message_id LIKE :p")
          .param("p", sessionId + ":%").query(Integer.class).single()).isEqualTo(1);

      String agentMessageId = UUID.randomUUID().toString();
      sender.send(new OutboundMessage(agentMessageId, account.tenantId(), null, Channel.WEBCHAT, account, sessionId,
          null, "We are here. Take your time.", null, null, null, null, null, null));
      browser.awaitTrue("(function () { var m = document.querySelector('li.msg[data-from=agent] .text');"
          + " return !!m && m.textContent === 'We are here. Take your time.'; })()");
      String receipted = awaitValue(() -> jdbc.sql("SELECT state FROM webchat_entry WHERE id = :id")
          .param("id", agentMessageId).query(String.class).single(), s -> !"SENT".equals(s));
      assertThat(receipted).isIn("DELIVERED", "READ");

      // Quick exit with the keyboard, from the message box.
      browser.eval("document.getElementById('text').focus()");
      browser.key("Escape", 27);
      browser.awaitTrue("location.href === " + MAPPER.writeValueAsString(exitUrl));
      assertThat(browser.eval("Object.keys(sessionStorage).concat(Object.keys(localStorage))"
          + ".filter(function (k) { return k.indexOf('sbchat:') === 0; }).length").asInt()).isZero();
      assertThat(awaitValue(() -> jdbc.sql("SELECT end_reason FROM webchat_session WHERE id = :id")
          .param("id", sessionId).query(String.class).optional().orElse(null), r -> r != null))
          .isEqualTo(WebChatSessions.EXIT);

      // Back leaves the exit page for the page before the chat: the chat's history entry was replaced.
      // Navigating from inside Runtime.evaluate can cut its answer off ("target navigated"): go back just after.
      browser.eval("setTimeout(function () { history.back(); }, 0)");
      browser.awaitTrue("location.href.indexOf('data:') === 0");
      assertThat(browser.evalString("document.title")).isEqualTo("start");
      // about:blank, the start page, the exit page: the chat's entry is gone (a push would have made it 4).
      assertThat(browser.evalString("history.length")).isEqualTo("3");
    }
  }

  @Test
  void theLauncherOnAnotherSiteOpensTheChatAndQuickExitReplacesThatSitesPage() throws Exception {
    assumeTrue(HeadlessChromium.available(), "chromium is not installed at " + HeadlessChromium.EXECUTABLE);
    String base = fixtures.baseUrl();
    String exitUrl = base + "/actuator/health";
    HttpServer partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String partnerOrigin = "http://127.0.0.1:" + partner.getAddress().getPort();
    ChannelAccount account = chat.account(fixtures.tenant("survivor-support"), Map.of(
        WebChatAccount.ALLOWED_ORIGINS, partnerOrigin, WebChatAccount.EXIT_URL, exitUrl));
    byte[] page = ("<!doctype html><html><head><title>partner</title></head><body><p>A partner's site</p>"
        + "<script src=\"" + base + "/chat/widget.js\" data-account=\"" + account.address() + "\" async></script>"
        + "</body></html>").getBytes(StandardCharsets.UTF_8);
    partner.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    partner.start();
    try (HeadlessChromium browser = new HeadlessChromium()) {
      browser.navigate("data:text/html,<title>start</title>start page", "document.title === 'start'");
      browser.navigate(partnerOrigin + "/", "document.title === 'partner'"
          + " && !!document.querySelector('button[aria-controls=switchboard-chat-panel]')");

      browser.eval("document.querySelector('button[aria-controls=switchboard-chat-panel]').click()");
      // The chat in the launcher's iframe: allowed by frame-ancestors, a session of its own.
      browser.awaitTrueIn(base, "location.pathname === '/chat' && document.readyState === 'complete'");
      browser.evalIn(base, "document.getElementById('nickname').value = 'Kim';"
          + "document.getElementById('start').click()");
      browser.awaitTrueIn(base, "!document.getElementById('chat').hidden"
          + " && document.getElementById('status').textContent === ''");
      browser.evalIn(base, "document.getElementById('text').value = 'Hello from the partner site';"
          + "document.getElementById('send').click()");
      browser.awaitTrueIn(base, "(function () { var m = document.querySelector('li.msg.mine');"
          + " return !!m && m.dataset.state === 'sent'; })()");
      String sessionId = jdbc.sql("SELECT id FROM webchat_session WHERE account_id = :a")
          .param("a", account.id()).query(String.class).single();

      browser.evalIn(base, "document.getElementById('text').focus()");
      browser.key("Escape", 27);

      // The partner's page itself is replaced; Back returns to the page before it.
      browser.awaitTrue("location.href === " + MAPPER.writeValueAsString(exitUrl));
      assertThat(awaitValue(() -> jdbc.sql("SELECT end_reason FROM webchat_session WHERE id = :id")
          .param("id", sessionId).query(String.class).optional().orElse(null), r -> r != null))
          .isEqualTo(WebChatSessions.EXIT);
      // Navigating from inside Runtime.evaluate can cut its answer off ("target navigated"): go back just after.
      browser.eval("setTimeout(function () { history.back(); }, 0)");
      browser.awaitTrue("location.href.indexOf('data:') === 0");
    } finally {
      partner.stop(0);
    }
  }

  private int sessionCount(ChannelAccount account) {
    return jdbc.sql("SELECT COUNT(*) FROM webchat_session WHERE account_id = :a").param("a", account.id())
        .query(Integer.class).single();
  }

  private static <T> T awaitValue(Supplier<T> value, java.util.function.Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    T last = value.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = value.get();
    }
    return last;
  }
}
