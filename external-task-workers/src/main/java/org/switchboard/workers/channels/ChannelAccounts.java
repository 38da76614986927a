package org.switchboard.workers.channels;

import java.util.List;
import java.util.Optional;

/** Where channel accounts come from (case-api's table and the default tenant's environment variables). */
public interface ChannelAccounts {

  Optional<ChannelAccount> byId(String accountId);

  /** The account that owns an address, e.g. the Twilio number an SMS was sent to, or a page id. */
  Optional<ChannelAccount> byAddress(Channel channel, String address);

  List<ChannelAccount> ofTenant(String tenantId);
}
