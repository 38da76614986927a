package org.switchboard.workers.channels.send;

import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.workers.Topics;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.OutboundMessages;

/**
 * One send worker per channel topic. The ledger and the senders are looked up per job: case-api provides the
 * ledger in-process, the remote worker app an HTTP client of it, and senders come from whichever channel
 * modules are on the class path.
 */
@Configuration(proxyBeanMethods = false)
public class SendWorkers {

  @Bean
  SendWorker sendSmsWorker(ObjectProvider<OutboundMessages> ledger, ObjectProvider<ChannelSender> senders) {
    return worker(Topics.SEND_SMS, ledger, senders);
  }

  @Bean
  SendWorker sendWhatsAppWorker(ObjectProvider<OutboundMessages> ledger, ObjectProvider<ChannelSender> senders) {
    return worker(Topics.SEND_WHATSAPP, ledger, senders);
  }

  @Bean
  SendWorker sendEmailWorker(ObjectProvider<OutboundMessages> ledger, ObjectProvider<ChannelSender> senders) {
    return worker(Topics.SEND_EMAIL, ledger, senders);
  }

  @Bean
  SendWorker sendWebChatWorker(ObjectProvider<OutboundMessages> ledger, ObjectProvider<ChannelSender> senders) {
    return worker(Topics.SEND_WEB_CHAT, ledger, senders);
  }

  @Bean
  SendWorker sendMessengerWorker(ObjectProvider<OutboundMessages> ledger, ObjectProvider<ChannelSender> senders) {
    return worker(Topics.SEND_MESSENGER, ledger, senders);
  }

  private static SendWorker worker(String topic, ObjectProvider<OutboundMessages> ledger,
      ObjectProvider<ChannelSender> senders) {
    return new SendWorker(topic, () -> Optional.ofNullable(ledger.getIfAvailable()),
        () -> senders.orderedStream().toList());
  }
}
