package org.switchboard.caseapi.channels.twilio;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.channels.MediaDownloads;
import org.switchboard.caseapi.conversations.MediaFetcher;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.twilio.TwilioProperties;
import org.switchboard.workers.channels.twilio.TwilioSender;

/**
 * Twilio media ({@code MediaUrlN} of an inbound MMS or WhatsApp message), fetched with HTTP basic auth as the
 * account (Account SID and auth token). The credentials are sent only to Twilio's API host (or the configured base
 * URL's host), never to a host a payload names otherwise or to the storage Twilio redirects to.
 */
@Component
public class TwilioMediaFetcher implements MediaFetcher {

  private final MediaDownloads downloads;
  private final TwilioProperties properties;
  private final Environment environment;

  public TwilioMediaFetcher(MediaDownloads downloads, TwilioProperties properties, Environment environment) {
    this.downloads = downloads;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return TwilioSender.PROVIDER.equals(account.provider());
  }

  @Override
  public FetchedMedia fetch(ChannelAccount account, String url) throws IOException {
    String apiHost = URI.create(account.setting("baseUrl").orElse(properties.baseUrl())).getHost();
    String host = URI.create(url).getHost();
    if (host == null || !host.equalsIgnoreCase(apiHost)) {
      // Never fetchable with the account's credentials: refused for good (the attachment is marked FAILED), since a
      // retry could not succeed.
      throw ApiException.invalid("mediaUrl", "is not on Twilio's media host " + apiHost);
    }
    String accountSid = account.setting("accountSid")
        .or(() -> account.secret("accountSid", environment::getProperty))
        .orElseThrow(() -> new IOException("Twilio account " + account.id() + " has no accountSid"));
    String authToken = account.secret("authToken", environment::getProperty)
        .orElseThrow(() -> new IOException("Twilio account " + account.id() + " has no authToken"));
    String basic = "Basic " + Base64.getEncoder()
        .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    return downloads.get(url, basic, null);
  }
}
