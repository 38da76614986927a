package org.switchboard.caseapi.conversations;

import java.io.IOException;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * Fetches an inbound attachment from its provider with the account's credentials (Twilio media URLs, Meta media
 * ids). One bean per provider; inbound processing asks each whether it {@link #supports} the message's account.
 * Content that arrived with the message needs no fetcher.
 */
public interface MediaFetcher {

  boolean supports(ChannelAccount account);

  /**
   * @param url the URL (or provider media id) the message named
   * @throws IOException on a technical failure: the fetch is retried with backoff
   */
  FetchedMedia fetch(ChannelAccount account, String url) throws IOException;

  /** @param contentType as the provider declared it; the document store sniffs the content anyway */
  record FetchedMedia(byte[] content, String contentType, String fileName) {
  }
}
