package org.switchboard.caseapi.conversations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.switchboard.workers.channels.ChannelAccount;

/** Media of accounts with provider {@code test-media}: each URL fails once, then returns its path as text. */
@Component
public class FlakyTestMediaFetcher implements MediaFetcher {

  public static final String PROVIDER = "test-media";
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

  @Override
  public boolean supports(ChannelAccount account) {
    return PROVIDER.equals(account.provider());
  }

  @Override
  public FetchedMedia fetch(ChannelAccount account, String url) throws IOException {
    if (failedOnce.add(url)) {
      throw new IOException("provider briefly unavailable");
    }
    return new FetchedMedia(("media of " + url).getBytes(StandardCharsets.UTF_8), "text/plain", "voice-note.txt");
  }
}
