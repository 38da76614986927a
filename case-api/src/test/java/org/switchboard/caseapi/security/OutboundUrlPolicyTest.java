package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboundUrlPolicyTest {

  private static final Map<String, String> DNS = Map.of(
      "api.example.com", "93.184.216.34",
      "rebind.example.com", "127.0.0.1",
      "metadata.example.com", "169.254.169.254",
      "intranet.example.com", "10.1.2.3",
      "v6local.example.com", "fd00::1",
      "internal-ai.corp", "10.9.9.9");

  private final OutboundUrlPolicy policy = new OutboundUrlPolicy(Set.of("internal-ai.corp"), host -> {
    String ip = DNS.get(host);
    // Unknown names are literal addresses here: getByName parses them without asking DNS.
    return ip == null ? new InetAddress[] {InetAddress.getByName(host)} : new InetAddress[] {InetAddress.getByName(ip)};
  });

  @Test
  void publicHttpsHostsPass() {
    assertThat(policy.refusal("https://api.example.com/hooks")).isNull();
  }

  @Test
  void internalAddressesAreRefusedWhateverTheNameSays() {
    assertThat(policy.refusal("https://rebind.example.com/")).isEqualTo("resolves to an internal address");
    assertThat(policy.refusal("https://metadata.example.com/latest")).isEqualTo("resolves to an internal address");
    assertThat(policy.refusal("https://intranet.example.com/")).isEqualTo("resolves to an internal address");
    assertThat(policy.refusal("https://v6local.example.com/")).isEqualTo("resolves to an internal address");
    assertThat(policy.refusal("https://127.0.0.1/")).isEqualTo("resolves to an internal address");
    assertThat(policy.refusal("https://[::1]/")).isEqualTo("resolves to an internal address");
    assertThat(policy.refusal("https://192.168.0.10/")).isEqualTo("resolves to an internal address");
  }

  @Test
  void plainHttpCredentialsAndGarbageAreRefused() {
    assertThat(policy.refusal("http://api.example.com/")).isEqualTo("must use https");
    assertThat(policy.refusal("ftp://api.example.com/")).isEqualTo("must use https");
    assertThat(policy.refusal("https://user:pw@api.example.com/")).contains("credentials");
    assertThat(policy.refusal("not a url")).isNotNull();
  }

  @Test
  void allowListedHostsMayBeInternalAndPlainHttp() {
    assertThat(policy.refusal("http://internal-ai.corp/v1")).isNull();
    assertThat(policy.refusal("https://INTERNAL-AI.corp/v1")).isNull();
    assertThat(policy.refusal("file://internal-ai.corp/etc/passwd")).isNotNull();
  }
}
