package org.switchboard.caseapi.channels.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.channels.MediaDownloads;
import org.switchboard.caseapi.conversations.MediaFetcher;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.meta.MetaProperties;
import org.switchboard.workers.channels.meta.MetaSender;

/**
 * Meta media. WhatsApp messages name a media id: {@code GET /{media-id}} with the access token gives a short-lived
 * URL, downloaded with the same bearer token. Messenger and Instagram attachments come as CDN URLs that need no
 * credentials, so none are sent with them.
 */
@Component
public class MetaMediaFetcher implements MediaFetcher {

  private final MediaDownloads downloads;
  private final MetaProperties properties;
  private final Environment environment;
  private final ObjectMapper mapper;

  public MetaMediaFetcher(MediaDownloads downloads, MetaProperties properties, Environment environment,
      ObjectMapper mapper) {
    this.downloads = downloads;
    this.properties = properties;
    this.environment = environment;
    this.mapper = mapper;
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return MetaSender.PROVIDER.equals(account.provider());
  }

  @Override
  public FetchedMedia fetch(ChannelAccount account, String url) throws IOException {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return downloads.get(url, null, null);
    }
    String token = account.secret("accessToken", environment::getProperty)
        .orElseThrow(() -> new IOException("Meta account " + account.id() + " has no accessToken"));
    String bearer = "Bearer " + token;
    String graph = properties.graphUrl(account);
    FetchedMedia described = downloads.get(graph + "/" + URLEncoder.encode(url, StandardCharsets.UTF_8), bearer, null);
    JsonNode media = mapper.readTree(described.content());
    String download = media.path("url").asText(null);
    if (download == null) {
      throw new IOException("Graph API media object without url");
    }
    // The bearer token goes to Meta's own hosts only (lookaside.fbsbx.com in production, the configured base here).
    String host = URI.create(download).getHost();
    String graphHost = URI.create(graph).getHost();
    boolean meta = host != null && (host.equalsIgnoreCase(graphHost) || host.endsWith(".fbsbx.com")
        || host.endsWith(".facebook.com") || host.endsWith(".whatsapp.net"));
    FetchedMedia file = downloads.get(download, meta ? bearer : null, null);
    String type = media.path("mime_type").asText(file.contentType());
    return new FetchedMedia(file.content(), type, null);
  }
}
