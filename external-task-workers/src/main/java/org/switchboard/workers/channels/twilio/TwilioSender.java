package org.switchboard.workers.channels.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;

/**
 * SMS, MMS and WhatsApp through Twilio's Messages API (twilio-java).
 *
 * <p>Account: {@code provider = twilio}, channel SMS or WHATSAPP, address = the sending number (E.164; WhatsApp
 * accounts may write it with or without {@code whatsapp:}). Settings: {@code accountSid} (or secret
 * {@code accountSid}), optional {@code messagingServiceSid}, {@code baseUrl}, {@code publicUrl} and
 * {@code contentSid.<template name>}. Secrets: {@code authToken} (and {@code accountSid} when not a setting).
 *
 * <p>WhatsApp outside the 24-hour window needs an approved Content Template: the message's {@code templateName} is
 * either a Content SID ({@code HX...}) or a name mapped by the setting {@code contentSid.<name>}; its positional
 * parameters become {@code ContentVariables} {@code {"1": ..., "2": ...}}.
 */
@Component
public class TwilioSender implements ChannelSender {

  public static final String PROVIDER = "twilio";
  static final String WHATSAPP_PREFIX = "whatsapp:";

  private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
  // Invalid To number, not a mobile number, unreachable or unknown WhatsApp/channel address.
  private static final Set<Integer> INVALID_RECIPIENT = Set.of(21211, 21214, 21612, 21614, 63003, 63024);
  // Twilio's codes for "too many requests" and its own outages, in case the HTTP status does not say so.
  private static final Set<Integer> TRANSIENT = Set.of(20429, 20500, 20503, 30001, 63018);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TwilioProperties properties;
  private final Environment environment;
  private final Map<ClientKey, TwilioRestClient> clients = new ConcurrentHashMap<>();

  public TwilioSender(TwilioProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return PROVIDER.equals(account.provider())
        && (account.channel() == Channel.SMS || account.channel() == Channel.WHATSAPP);
  }

  @Override
  public SendReceipt send(OutboundMessage message) {
    ChannelAccount account = message.account();
    String accountSid = account.setting("accountSid")
        .or(() -> account.secret("accountSid", environment::getProperty))
        .orElseThrow(() -> notConfigured(account, "accountSid"));
    String authToken = account.secret("authToken", environment::getProperty)
        .orElseThrow(() -> notConfigured(account, "authToken"));
    boolean whatsapp = account.channel() == Channel.WHATSAPP;

    MessageCreator creator = Message.creator(accountSid, new PhoneNumber(address(message.recipient(), whatsapp)),
        new PhoneNumber(address(account.address(), whatsapp)), (String) null);
    account.setting("messagingServiceSid").ifPresent(creator::setMessagingServiceSid);
    if (message.templateName() != null) {
      creator.setContentSid(contentSid(account, message.templateName()));
      if (!message.templateParameters().isEmpty()) {
        creator.setContentVariables(contentVariables(message.templateParameters()));
      }
    } else if (message.body() != null && !message.body().isEmpty()) {
      creator.setBody(message.body());
    }
    List<URI> media = message.attachments().stream().map(attachment -> {
      if (attachment.publicUrl() == null) {
        // Twilio fetches MMS/WhatsApp media itself; bytes in hand cannot be uploaded through the Messages API.
        throw new IllegalStateException("attachment " + attachment.documentId() + " has no public URL for Twilio");
      }
      return URI.create(attachment.publicUrl());
    }).toList();
    if (!media.isEmpty()) {
      creator.setMediaUrl(media);
    }
    publicBaseUrl(account).ifPresent(base -> creator.setStatusCallback(
        URI.create(stripSlash(base) + TwilioProperties.STATUS_CALLBACK_PATH)));

    try {
      Message sent = creator.create(client(account, accountSid, authToken));
      DeliveryState state = TwilioStatuses.toDeliveryState(sent.getStatus() == null ? null : sent.getStatus().toString())
          .orElse(DeliveryState.QUEUED);
      return new SendReceipt(sent.getSid(), state);
    } catch (ApiConnectionException unreachable) {
      throw new TransientSendException("Twilio could not be reached: " + unreachable.getMessage(), unreachable);
    } catch (ApiException refused) {
      throw mapped(refused);
    }
  }

  /** Business refusals become BPMN errors; throttling and outages are retried; anything else is an incident. */
  static RuntimeException mapped(ApiException refused) {
    Integer code = refused.getCode();
    Integer status = refused.getStatusCode();
    String fact = "Twilio error " + code + " (HTTP " + status + ")";
    if (code != null && INVALID_RECIPIENT.contains(code)) {
      return new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, fact + ": the recipient cannot be reached");
    }
    if (code != null && code == 21610) {
      return new SendRefusedException(RefusalCodes.OPTED_OUT, fact + ": the recipient replied STOP");
    }
    if (code != null && code == 63016) {
      return new SendRefusedException(RefusalCodes.WINDOW_CLOSED,
          fact + ": outside the WhatsApp 24-hour window a Content Template is required");
    }
    if (status == null || status == 429 || status >= 500 || (code != null && TRANSIENT.contains(code))) {
      return new TransientSendException(fact, refused);
    }
    return new IllegalStateException(fact + ": " + refused.getMessage(), refused);
  }

  private TwilioRestClient client(ChannelAccount account, String accountSid, String authToken) {
    String baseUrl = account.setting("baseUrl").orElse(properties.baseUrl());
    return clients.computeIfAbsent(new ClientKey(accountSid, authToken, baseUrl), key ->
        new TwilioRestClient.Builder(key.accountSid(), key.authToken())
            .accountSid(key.accountSid())
            .httpClient(new RebasingHttpClient(key.baseUrl(), properties.connectTimeout(), properties.readTimeout()))
            .build());
  }

  private Optional<String> publicBaseUrl(ChannelAccount account) {
    return account.setting("publicUrl")
        .or(() -> Optional.ofNullable(properties.publicBaseUrl()).filter(url -> !url.isBlank()));
  }

  private static String contentSid(ChannelAccount account, String templateName) {
    if (CONTENT_SID.matcher(templateName).matches()) {
      return templateName;
    }
    return account.setting("contentSid." + templateName).orElseThrow(() -> new SendRefusedException(
        RefusalCodes.CHANNEL_NOT_CONFIGURED, "no Twilio Content SID configured for template " + templateName));
  }

  private static String contentVariables(List<String> parameters) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      variables.put(Integer.toString(i + 1), parameters.get(i));
    }
    try {
      return JSON.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String address(String address, boolean whatsapp) {
    if (!whatsapp || address.startsWith(WHATSAPP_PREFIX)) {
      return address;
    }
    return WHATSAPP_PREFIX + address;
  }

  private static SendRefusedException notConfigured(ChannelAccount account, String secret) {
    return new SendRefusedException(RefusalCodes.CHANNEL_NOT_CONFIGURED,
        "Twilio account " + account.id() + " has no " + secret + " configured");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private record ClientKey(String accountSid, String authToken, String baseUrl) {
  }
}
