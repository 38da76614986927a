package org.switchboard.caseapi.conversations.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.ConversationsProperties;
import org.switchboard.caseapi.conversations.accounts.ChannelAccountRepository.StoredAccount;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;

/**
 * Channel accounts from table {@code channel_account} plus the default tenant's accounts from the environment.
 * Only enabled accounts are returned (a disabled account's webhooks find no account and refuse traffic). Lookups
 * are cached for {@code switchboard.conversations.account-cache-ttl}, because webhooks make one per request; a
 * change through the admin API clears this node's cache at once.
 */
@Component
public class JdbcChannelAccounts implements ChannelAccounts {

  private final ChannelAccountRepository repository;
  private final EnvironmentChannelAccounts environment;
  private final Clock clock;
  private final long ttlMillis;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public JdbcChannelAccounts(ChannelAccountRepository repository, EnvironmentChannelAccounts environment, Clock clock,
      ConversationsProperties properties) {
    this.repository = repository;
    this.environment = environment;
    this.clock = clock;
    this.ttlMillis = properties.accountCacheTtl().toMillis();
  }

  @Override
  public Optional<ChannelAccount> byId(String accountId) {
    return cached("id:" + accountId, () -> anyById(accountId).filter(StoredAccount::enabled)
        .map(StoredAccount::account));
  }

  @Override
  public Optional<ChannelAccount> byAddress(Channel channel, String address) {
    if (channel == null || address == null) {
      return Optional.empty();
    }
    String normalised = address.strip();
    return cached("address:" + channel + ":" + normalised, () -> environment.all().stream()
        .filter(a -> a.channel() == channel && a.address().equalsIgnoreCase(normalised)).findFirst()
        .or(() -> repository.findByAddress(channel, normalised).filter(StoredAccount::enabled)
            .map(StoredAccount::account)));
  }

  @Override
  public List<ChannelAccount> ofTenant(String tenantId) {
    return all(tenantId).stream().filter(StoredAccount::enabled).map(StoredAccount::account).toList();
  }

  /** Every account of the tenant, disabled ones included (admin API). */
  public List<StoredAccount> all(String tenantId) {
    List<StoredAccount> accounts = new ArrayList<>();
    environment.all().stream().filter(a -> a.tenantId().equals(tenantId))
        .forEach(a -> accounts.add(new StoredAccount(a, true, null, null)));
    accounts.addAll(repository.ofTenant(tenantId));
    return accounts;
  }

  /** The account whatever its state: messages received while it was enabled are still processed. */
  public Optional<StoredAccount> anyById(String accountId) {
    if (accountId == null) {
      return Optional.empty();
    }
    return environment.all().stream().filter(a -> a.id().equals(accountId)).findFirst()
        .map(a -> new StoredAccount(a, true, null, null))
        .or(() -> repository.findById(accountId));
  }

  public boolean fromEnvironment(String accountId) {
    return environment.isEnvironmentAccount(accountId);
  }

  /** After an admin change; other nodes follow within the cache's time to live. */
  public void evictAll() {
    cache.clear();
  }

  private Optional<ChannelAccount> cached(String key, Supplier<Optional<ChannelAccount>> load) {
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && hit.expiresAt().isAfter(now)) {
      return hit.value();
    }
    Optional<ChannelAccount> value = load.get();
    if (cache.size() > 10_000) {
      cache.clear();
    }
    cache.put(key, new Cached(value, now.plusMillis(ttlMillis)));
    return value;
  }

  private record Cached(Optional<ChannelAccount> value, Instant expiresAt) {
  }
}
