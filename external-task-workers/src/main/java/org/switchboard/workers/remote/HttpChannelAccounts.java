package org.switchboard.workers.remote;

import java.util.List;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;

/**
 * Channel accounts of case-api over HTTP, for remote workers ({@code /api/v1/internal/channel-accounts}). Secrets
 * stay environment variable names: senders in the worker process resolve them from its own environment.
 */
public class HttpChannelAccounts implements ChannelAccounts {

  private static final String PATH = "/api/v1/internal/channel-accounts";
  private static final ParameterizedTypeReference<List<ChannelAccount>> LIST = new ParameterizedTypeReference<>() {
  };

  private final RestClient http;

  public HttpChannelAccounts(RestClient http) {
    this.http = http;
  }

  @Override
  public Optional<ChannelAccount> byId(String accountId) {
    try {
      return Optional.ofNullable(http.get().uri(PATH + "/{id}", accountId).retrieve().body(ChannelAccount.class));
    } catch (HttpClientErrorException e) {
      if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<ChannelAccount> byAddress(Channel channel, String address) {
    List<ChannelAccount> accounts = http.get()
        // Values as URI variables are encoded strictly: the '+' of an E.164 number must not arrive as a space.
        .uri(u -> u.path(PATH).queryParam("channel", "{channel}").queryParam("address", "{address}")
            .build(channel.name(), address))
        .retrieve().body(LIST);
    return accounts == null ? Optional.empty() : accounts.stream().findFirst();
  }

  @Override
  public List<ChannelAccount> ofTenant(String tenantId) {
    List<ChannelAccount> accounts = http.get()
        .uri(u -> u.path(PATH).queryParam("tenantId", "{tenantId}").build(tenantId))
        .retrieve().body(LIST);
    return accounts == null ? List.of() : accounts;
  }
}
