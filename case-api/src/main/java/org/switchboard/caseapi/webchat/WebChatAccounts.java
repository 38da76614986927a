package org.switchboard.caseapi.webchat;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccounts;

/** Finds the web chat account a page, socket or send belongs to. */
@Component
public class WebChatAccounts {

  private final ChannelAccounts accounts;
  private final WebChatProperties properties;

  public WebChatAccounts(ChannelAccounts accounts, WebChatProperties properties) {
    this.accounts = accounts;
    this.properties = properties;
  }

  /**
   * The account named by its public address ({@code ?account=}), else the first web chat account of the tenant
   * ({@code ?tenant=}), else the default tenant's.
   */
  public Optional<WebChatAccount> resolve(String address, String tenantId) {
    if (address != null && !address.isBlank()) {
      return byAddress(address);
    }
    String tenant = tenantId == null || tenantId.isBlank() ? TenantDirectory.DEFAULT_TENANT : tenantId;
    return accounts.ofTenant(tenant).stream()
        .filter(a -> a.channel() == Channel.WEBCHAT)
        .findFirst()
        .map(a -> WebChatAccount.of(a, properties.exitUrl()));
  }

  public Optional<WebChatAccount> byAddress(String address) {
    return accounts.byAddress(Channel.WEBCHAT, address)
        .map(a -> WebChatAccount.of(a, properties.exitUrl()));
  }

  public Optional<WebChatAccount> byId(String accountId) {
    return accounts.byId(accountId)
        .filter(a -> a.channel() == Channel.WEBCHAT)
        .map(a -> WebChatAccount.of(a, properties.exitUrl()));
  }
}
