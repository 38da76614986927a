package org.switchboard.caseapi.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

@SwitchboardTest
class InboundProcessingTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport support;
  @Autowired InboundProcessor processor;
  @Autowired CaseRepository cases;

  @Test
  void aWebChatMessageStartsACaseWithAContactAndIsStoredEncrypted() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.WEBCHAT, null);
    InboundMessage message = support.message(account, "session-" + tenant, "Hello, I need help");

    InboundReception.Acceptance first = support.accept(message);
    InboundReception.Acceptance again = support.accept(message);

    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.messageId()).isEqualTo(first.messageId());
    Map<String, Object> stored = support.row(first.messageId());
    assertThat(stored.get("state")).isEqualTo("RECEIVED");
    assertThat((String) stored.get("body")).doesNotContain("Hello").startsWith("v1:");

    assertThat(processor.process(first.messageId())).isEqualTo(InboundProcessor.Outcome.PROCESSED);

    Map<String, Object> processed = support.row(first.messageId());
    assertThat(processed.get("state")).isEqualTo("PROCESSED");
    CaseRecord c = cases.findById((String) processed.get("case_id")).orElseThrow();
    assertThat(c.tenantId()).isEqualTo(tenant);
    assertThat(c.channel()).isEqualTo("webchat");
    assertThat(c.contactId()).isEqualTo(processed.get("contact_id"));
    assertThat(support.body(first.messageId())).isEqualTo("Hello, I need help");
  }
}
