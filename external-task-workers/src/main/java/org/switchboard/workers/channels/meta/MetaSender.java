package org.switchboard.workers.channels.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessage.Attachment;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;

/**
 * WhatsApp Cloud API, Facebook Messenger and Instagram direct messages over the Graph API (Spring RestClient).
 *
 * <p>Account: {@code provider = meta}; WHATSAPP accounts have the phone number id as address and send to
 * {@code /{phone-number-id}/messages}; MESSENGER (address = page id) and INSTAGRAM (address = Instagram account
 * id) send to {@code /me/messages} with the page access token. Secret {@code accessToken} (e.g.
 * {@code WHATSAPP_ACCESS_TOKEN}), sent as a bearer token.
 *
 * <p>WhatsApp: text, template (the message's {@code templateName} with its positional parameters as body
 * parameters, language from the setting {@code templateLanguage}) and media by link (image, video, audio,
 * document by content type); the first attachment carries the text as caption, further ones go as further
 * messages. Messenger/Instagram: {@code messaging_type RESPONSE}; a {@code templateName} there is a message tag
 * (e.g. {@code HUMAN_AGENT}) and is sent as {@code MESSAGE_TAG}; attachments go as further messages. The receipt
 * carries the id of the first message.
 */
@Component
public class MetaSender implements ChannelSender {

  public static final String PROVIDER = "meta";

  private static final Set<Integer> INVALID_RECIPIENT = Set.of(131026, 131030, 131021, 551);
  private static final Set<Integer> INVALID_RECIPIENT_SUBCODES = Set.of(2018001, 2018108);
  private static final Set<Integer> WINDOW_SUBCODES = Set.of(2018278, 2534022);
  // Graph API throttling (application, user, page, WhatsApp throughput and pair rate) and temporary errors.
  private static final Set<Integer> TRANSIENT = Set.of(1, 2, 4, 17, 32, 613, 1200, 80007, 130429, 131000, 131016,
      131048, 131056);

  private final MetaProperties properties;
  private final Environment environment;
  private final RestClient http;
  private final ObjectMapper json = new ObjectMapper();

  public MetaSender(MetaProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
    factory.setReadTimeout(properties.readTimeout());
    this.http = RestClient.builder().requestFactory(factory).build();
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return PROVIDER.equals(account.provider()) && (account.channel() == Channel.WHATSAPP
        || account.channel() == Channel.MESSENGER || account.channel() == Channel.INSTAGRAM);
  }

  @Override
  public SendReceipt send(OutboundMessage message) {
    ChannelAccount account = message.account();
    String token = account.secret("accessToken", environment::getProperty).orElseThrow(() ->
        new SendRefusedException(RefusalCodes.CHANNEL_NOT_CONFIGURED,
            "Meta account " + account.id() + " has no accessToken configured"));
    if (account.channel() == Channel.WHATSAPP) {
      return sendWhatsApp(message, account, token);
    }
    return sendMessenger(message, account, token);
  }

  private SendReceipt sendWhatsApp(OutboundMessage message, ChannelAccount account, String token) {
    String url = properties.graphUrl(account) + "/" + account.address() + "/messages";
    String to = message.recipient().startsWith("whatsapp:") ? message.recipient().substring(9) : message.recipient();
    List<ObjectNode> bodies = new ArrayList<>();
    if (message.templateName() != null) {
      ObjectNode body = whatsAppEnvelope(to, "template");
      ObjectNode template = body.putObject("template");
      template.put("name", message.templateName());
      template.putObject("language").put("code", account.setting("templateLanguage")
          .orElse(properties.templateLanguage()));
      if (!message.templateParameters().isEmpty()) {
        ArrayNode parameters = template.putArray("components").addObject().put("type", "body").putArray("parameters");
        message.templateParameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
      }
      bodies.add(body);
    } else if (message.attachments().isEmpty()) {
      ObjectNode body = whatsAppEnvelope(to, "text");
      body.putObject("text").put("preview_url", false).put("body", message.body());
      bodies.add(body);
    }
    boolean captioned = message.templateName() != null;
    for (Attachment attachment : message.attachments()) {
      String type = whatsAppMediaType(attachment.contentType());
      ObjectNode body = whatsAppEnvelope(to, type);
      ObjectNode media = body.putObject(type).put("link", publicUrl(attachment));
      if (!captioned && !"audio".equals(type) && message.body() != null && !message.body().isEmpty()) {
        media.put("caption", message.body());
        captioned = true;
      }
      if ("document".equals(type) && attachment.fileName() != null) {
        media.put("filename", attachment.fileName());
      }
      bodies.add(body);
    }
    if (!captioned && !message.attachments().isEmpty() && message.body() != null && !message.body().isEmpty()) {
      // Only audio attachments: the text cannot be a caption and goes first on its own.
      ObjectNode text = whatsAppEnvelope(to, "text");
      text.putObject("text").put("preview_url", false).put("body", message.body());
      bodies.add(0, text);
    }
    String first = null;
    for (ObjectNode body : bodies) {
      JsonNode response = post(url, token, body);
      String id = response.path("messages").path(0).path("id").asText(null);
      first = first == null ? id : first;
    }
    return new SendReceipt(first, DeliveryState.QUEUED);
  }

  private SendReceipt sendMessenger(OutboundMessage message, ChannelAccount account, String token) {
    String url = properties.graphUrl(account) + "/me/messages";
    List<ObjectNode> bodies = new ArrayList<>();
    if (message.body() != null && !message.body().isEmpty()) {
      ObjectNode body = messengerEnvelope(message);
      body.putObject("message").put("text", message.body());
      bodies.add(body);
    }
    for (Attachment attachment : message.attachments()) {
      ObjectNode body = messengerEnvelope(message);
      body.putObject("message").putObject("attachment")
          .put("type", messengerMediaType(attachment.contentType()))
          .putObject("payload").put("url", publicUrl(attachment)).put("is_reusable", false);
      bodies.add(body);
    }
    String first = null;
    for (ObjectNode body : bodies) {
      JsonNode response = post(url, token, body);
      String id = response.path("message_id").asText(null);
      first = first == null ? id : first;
    }
    return new SendReceipt(first, DeliveryState.SENT);
  }

  private ObjectNode whatsAppEnvelope(String to, String type) {
    ObjectNode body = json.createObjectNode();
    body.put("messaging_product", "whatsapp").put("recipient_type", "individual").put("to", to).put("type", type);
    return body;
  }

  private ObjectNode messengerEnvelope(OutboundMessage message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("recipient").put("id", message.recipient());
    if (message.templateName() != null) {
      body.put("messaging_type", "MESSAGE_TAG").put("tag", message.templateName());
    } else {
      body.put("messaging_type", "RESPONSE");
    }
    return body;
  }

  private JsonNode post(String url, String token, ObjectNode body) {
    try {
      return http.post().uri(url)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .body(json.writeValueAsBytes(body))
          .exchange((request, response) -> {
            int status = response.getStatusCode().value();
            JsonNode answer = read(response.getBody());
            if (status >= 200 && status < 300) {
              return answer;
            }
            throw mapped(status, answer.path("error"));
          });
    } catch (ResourceAccessException unreachable) {
      throw new TransientSendException("Graph API could not be reached: " + unreachable.getMessage(), unreachable);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(InputStream body) {
    try {
      byte[] bytes = body.readAllBytes();
      return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (IOException notJson) {
      return json.createObjectNode();
    }
  }

  /** Graph API errors: {@code {"error": {"code": ..., "error_subcode": ..., "message": ...}}}. */
  static RuntimeException mapped(int status, JsonNode error) {
    int code = error.path("code").asInt(-1);
    int subcode = error.path("error_subcode").asInt(-1);
    String fact = "Graph API error " + code + (subcode > 0 ? "/" + subcode : "") + " (HTTP " + status + ")";
    if (code == 131047 || WINDOW_SUBCODES.contains(subcode)) {
      return new SendRefusedException(RefusalCodes.WINDOW_CLOSED,
          fact + ": outside the 24-hour customer-service window only an approved template may be sent");
    }
    if (code == 131050) {
      return new SendRefusedException(RefusalCodes.OPTED_OUT, fact + ": the user stopped these messages");
    }
    if (INVALID_RECIPIENT.contains(code) || INVALID_RECIPIENT_SUBCODES.contains(subcode)) {
      return new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, fact + ": the recipient cannot be reached");
    }
    if (status == 429 || status >= 500 || TRANSIENT.contains(code) || error.path("is_transient").asBoolean(false)) {
      return new TransientSendException(fact, null);
    }
    return new IllegalStateException(fact);
  }

  private static String publicUrl(Attachment attachment) {
    if (attachment.publicUrl() == null) {
      throw new IllegalStateException("attachment " + attachment.documentId() + " has no public URL for Meta");
    }
    return attachment.publicUrl();
  }

  static String whatsAppMediaType(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return "image";
    }
    if (type.startsWith("video/")) {
      return "video";
    }
    if (type.startsWith("audio/")) {
      return "audio";
    }
    return "document";
  }

  static String messengerMediaType(String contentType) {
    String type = whatsAppMediaType(contentType);
    return "document".equals(type) ? "file" : type;
  }
}
