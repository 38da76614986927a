package org.switchboard.workers.channels.send;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.OutboundMessages.Claim;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;
import org.switchboard.workers.runtime.FailureReports;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.Outcome;
import org.switchboard.workers.runtime.TopicWorker;

/**
 * Sends the outbound message a job names ({@code messageId}) on one channel topic. The send ledger makes it
 * idempotent: the message is claimed before a provider is called and confirmed after, so a job retried after a
 * lock expiry or a crash never reaches the provider twice.
 * <ul>
 *   <li>{@code Ready}: the first sender whose {@code supports(account)} is true sends it; none: BPMN error
 *       {@code CHANNEL_NOT_CONFIGURED};</li>
 *   <li>{@code AlreadySent}: an earlier attempt got through; the job completes;</li>
 *   <li>{@code InDoubt}: an earlier attempt claimed it and never reported back, so the provider may have it. Sending
 *       again could reach the person twice (for a survivor, a second message can be dangerous), retrying cannot
 *       find out: BPMN error {@code SEND_IN_DOUBT}, which the process models as a task for a person to check;</li>
 *   <li>{@code Refused} by case-api's rules, or {@link SendRefusedException} from the provider: BPMN error with its
 *       code;</li>
 *   <li>{@link TransientSendException}: the claim is released and the failure retried with backoff;</li>
 *   <li>any other exception from a sender: the provider may or may not have the message, so the claim stays in
 *       doubt and Cockpit shows an incident at once (a retry then ends in {@code SEND_IN_DOUBT}).</li>
 * </ul>
 * Completes with {@code deliveryState} only: the provider's id stays in the ledger.
 */
public class SendWorker implements TopicWorker {

  public static final String MESSAGE_ID = "messageId";
  public static final String DELIVERY_STATE = "deliveryState";

  private static final Logger log = LoggerFactory.getLogger(SendWorker.class);

  private final String topic;
  private final Supplier<Optional<OutboundMessages>> ledger;
  private final Supplier<List<ChannelSender>> senders;

  public SendWorker(String topic, Supplier<Optional<OutboundMessages>> ledger,
      Supplier<List<ChannelSender>> senders) {
    this.topic = topic;
    this.ledger = ledger;
    this.senders = senders;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public Outcome work(Job job) {
    String messageId = job.requireString(MESSAGE_ID);
    OutboundMessages messages = ledger.get().orElse(null);
    if (messages == null) {
      return new Outcome.Failure("no send ledger in this process", null, false);
    }
    Claim claim = messages.claim(messageId, job.id());
    if (claim instanceof Claim.AlreadySent) {
      return Outcome.completed(Map.of(DELIVERY_STATE, "SENT"));
    }
    if (claim instanceof Claim.InDoubt) {
      log.warn("Message {} was claimed by an earlier attempt that never reported back; not sending again",
          messageId);
      return Outcome.businessError(RefusalCodes.SEND_IN_DOUBT,
          "an earlier attempt may have reached the provider; a person must check");
    }
    if (claim instanceof Claim.Refused refused) {
      return Outcome.businessError(refused.code(), "send refused: " + refused.code());
    }
    OutboundMessage message = ((Claim.Ready) claim).message();
    Optional<ChannelSender> sender = senders.get().stream().filter(s -> s.supports(message.account())).findFirst();
    if (sender.isEmpty()) {
      messages.refused(messageId, RefusalCodes.CHANNEL_NOT_CONFIGURED,
          "no sender for provider " + message.account().provider() + " on " + message.channel());
      return Outcome.businessError(RefusalCodes.CHANNEL_NOT_CONFIGURED,
          "no sender for provider " + message.account().provider() + " on " + message.channel());
    }
    SendReceipt receipt;
    try {
      receipt = sender.get().send(message);
    } catch (SendRefusedException refused) {
      messages.refused(messageId, refused.code(), refused.getMessage());
      return Outcome.businessError(refused.code(), "send refused by " + message.account().provider() + ": "
          + refused.code());
    } catch (TransientSendException transientFailure) {
      messages.failed(messageId, FailureReports.message(transientFailure.getMessage()));
      return Outcome.retry("transient failure sending on " + message.account().provider(), transientFailure);
    } catch (RuntimeException unexpected) {
      log.warn("Sender for {} threw {} on message {}; the send is in doubt", message.account().provider(),
          unexpected.getClass().getName(), messageId);
      return Outcome.incident("sender for " + message.account().provider() + " failed unexpectedly ("
          + unexpected.getClass().getSimpleName() + "); the message may have reached the provider", unexpected);
    }
    messages.sent(messageId, receipt);
    return Outcome.completed(Map.of(DELIVERY_STATE, receipt.state().name()));
  }
}
