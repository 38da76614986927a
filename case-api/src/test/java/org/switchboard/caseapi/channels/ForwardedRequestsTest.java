package org.switchboard.caseapi.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ForwardedRequestsTest {

  private final ForwardedRequests proxies = new ForwardedRequests(
      new WebhookProperties(null, List.of("10.0.0.0/8", "::1"), new WebhookProperties.Meta(null), null));

  @Test
  void forwardedHeadersCountOnlyFromTrustedProxies() {
    MockHttpServletRequest fromProxy = request("10.1.2.3");
    MockHttpServletRequest fromAnyone = request("203.0.113.9");

    assertThat(proxies.publicUrl(fromProxy, Optional.empty()))
        .isEqualTo("https://sms.example.org/webhooks/twilio/sms?tenant=a");
    assertThat(proxies.publicUrl(fromAnyone, Optional.empty()))
        .isEqualTo("http://app.internal:8080/webhooks/twilio/sms?tenant=a");
  }

  @Test
  void aConfiguredPublicUrlWinsOverTheRequest() {
    ForwardedRequests configured = new ForwardedRequests(
        new WebhookProperties("https://configured.example.org/", List.of(), new WebhookProperties.Meta(null), null));

    assertThat(configured.publicUrl(request("10.1.2.3"), Optional.empty()))
        .isEqualTo("https://configured.example.org/webhooks/twilio/sms?tenant=a");
    assertThat(configured.publicUrl(request("10.1.2.3"), Optional.of("https://account.example.org/base")))
        .isEqualTo("https://account.example.org/base/webhooks/twilio/sms?tenant=a");
  }

  @Test
  void theClientMostValueOfAChainAndANonDefaultPortAreUsed() {
    MockHttpServletRequest request = request("::1");
    request.removeHeader("X-Forwarded-Host");
    request.addHeader("X-Forwarded-Host", "edge.example.org, inner.proxy");
    request.addHeader("X-Forwarded-Port", "8443");

    assertThat(proxies.publicUrl(request, Optional.empty()))
        .isEqualTo("https://edge.example.org:8443/webhooks/twilio/sms?tenant=a");
  }

  @Test
  void aBadProxyEntryFailsAtStartup() {
    assertThatThrownBy(() -> new ForwardedRequests(
        new WebhookProperties(null, List.of("10.0.0.0/40"), new WebhookProperties.Meta(null), null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static MockHttpServletRequest request(String peer) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/twilio/sms");
    request.setRemoteAddr(peer);
    request.setScheme("http");
    request.setQueryString("tenant=a");
    request.addHeader("Host", "app.internal:8080");
    request.addHeader("X-Forwarded-Proto", "https");
    request.addHeader("X-Forwarded-Host", "sms.example.org");
    return request;
  }
}
