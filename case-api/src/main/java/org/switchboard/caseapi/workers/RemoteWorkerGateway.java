package org.switchboard.caseapi.workers;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.OutboundMessages.Claim;
import org.switchboard.workers.channels.SendReceipt;

/**
 * What remote workers may do in case-api: the send ledger and channel account lookups, delegated to the
 * in-process beans. Each call is limited to the tenants the service account belongs to; a message or account of
 * another tenant answers 404 like a missing one.
 */
@Component
public class RemoteWorkerGateway {

  /** A remote worker claimed a message: its content and recipient left case-api for the worker process. */
  public static final String MESSAGE_RELEASED = "OUTBOUND_MESSAGE_RELEASED_TO_WORKER";

  private final ObjectProvider<OutboundMessages> ledger;
  private final ObjectProvider<ChannelAccounts> accounts;
  private final OutboundMessageTenants tenants;
  private final AuditRecorder audit;
  private final ObjectProvider<org.switchboard.workers.channels.ChannelSender> webChat;

  public RemoteWorkerGateway(ObjectProvider<OutboundMessages> ledger, ObjectProvider<ChannelAccounts> accounts,
      OutboundMessageTenants tenants, AuditRecorder audit,
      ObjectProvider<org.switchboard.workers.channels.ChannelSender> webChat) {
    this.ledger = ledger;
    this.accounts = accounts;
    this.tenants = tenants;
    this.audit = audit;
    this.webChat = webChat;
  }

  public Claim claim(String messageId, String jobId) {
    String tenantId = requireMessage(messageId);
    Claim claim = ledger().claim(messageId, jobId);
    if (claim instanceof Claim.Ready) {
      audit.success(MESSAGE_RELEASED, tenantId, "message", messageId, Map.of("jobId", jobId));
    }
    return claim;
  }

  public void sent(String messageId, SendReceipt receipt) {
    requireMessage(messageId);
    ledger().sent(messageId, receipt);
  }

  public void refused(String messageId, String code, String reason) {
    requireMessage(messageId);
    ledger().refused(messageId, code, reason);
  }

  public void failed(String messageId, String reason) {
    requireMessage(messageId);
    ledger().failed(messageId, reason);
  }

  /**
   * A web chat reply a remote worker claimed: the message must be one of the ledger's, of the tenant it claims
   * and of an account of that tenant the caller may serve; then case-api's web chat sender pushes it.
   */
  public org.switchboard.workers.remote.HttpWebChatSender.Delivery deliverWebChat(
      org.switchboard.workers.channels.OutboundMessage message) {
    if (!requireMessage(message.messageId()).equals(message.tenantId())) {
      throw ApiException.notFound("Outbound message", message.messageId());
    }
    ChannelAccount account = accounts().byId(message.account() == null ? null : message.account().id())
        .filter(a -> a.tenantId().equals(message.tenantId()) && CurrentUser.get().canAccessTenant(a.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Channel account", String.valueOf(message.account())));
    org.switchboard.workers.channels.ChannelSender sender = webChat.orderedStream()
        .filter(s -> !(s instanceof org.switchboard.workers.remote.HttpWebChatSender) && s.supports(account))
        .findFirst().orElseThrow(() -> unavailable("web chat sender"));
    try {
      SendReceipt receipt = sender.send(message);
      return new org.switchboard.workers.remote.HttpWebChatSender.Delivery(receipt.providerMessageId(),
          receipt.state(), null, null);
    } catch (org.switchboard.workers.channels.SendRefusedException refused) {
      return new org.switchboard.workers.remote.HttpWebChatSender.Delivery(null, null, refused.code(),
          refused.getMessage());
    }
  }

  public ChannelAccount account(String accountId) {
    return accounts().byId(accountId).filter(a -> CurrentUser.get().canAccessTenant(a.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Channel account", accountId));
  }

  public List<ChannelAccount> accountByAddress(Channel channel, String address) {
    return accounts().byAddress(channel, address).filter(a -> CurrentUser.get().canAccessTenant(a.tenantId()))
        .stream().toList();
  }

  public List<ChannelAccount> accountsOfTenant(String tenantId) {
    if (!CurrentUser.get().canAccessTenant(tenantId)) {
      throw ApiException.notFound("Tenant", tenantId);
    }
    return accounts().ofTenant(tenantId);
  }

  private String requireMessage(String messageId) {
    return tenants.tenantOf(messageId).filter(CurrentUser.get()::canAccessTenant)
        .orElseThrow(() -> ApiException.notFound("Outbound message", messageId));
  }

  private OutboundMessages ledger() {
    OutboundMessages messages = ledger.getIfAvailable();
    if (messages == null) {
      throw unavailable("the send ledger");
    }
    return messages;
  }

  private ChannelAccounts accounts() {
    ChannelAccounts channelAccounts = accounts.getIfAvailable();
    if (channelAccounts == null) {
      throw unavailable("channel accounts");
    }
    return channelAccounts;
  }

  private static ApiException unavailable(String what) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
        "This deployment has no " + what, List.of());
  }
}
