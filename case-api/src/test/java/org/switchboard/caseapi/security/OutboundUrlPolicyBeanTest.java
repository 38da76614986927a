package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.support.SwitchboardTest;

@SwitchboardTest
class OutboundUrlPolicyBeanTest {

  @Autowired
  OutboundUrlPolicy policy;

  @Test
  void theDefaultAllowListIsEmpty() {
    assertThat(policy.refusal("http://localhost:8080/engine-rest")).isNotNull();
    assertThat(policy.refusal("https://127.0.0.1/")).isEqualTo("resolves to an internal address");
  }

  @Test
  void theConfiguredAllowListIsTrimmedAndIgnoresBlanks() {
    OutboundUrlPolicy configured = new SecurityBeans().outboundUrlPolicy(List.of(" ai-gateway.internal ", ""));
    assertThat(configured.refusal("http://ai-gateway.internal/v1")).isNull();
    assertThat(configured.refusal("https://127.0.0.1/")).isNotNull();
  }
}
