package org.switchboard.caseapi.channels.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.channels.WebhookProperties;
import org.switchboard.caseapi.channels.WebhookRefusal;
import org.switchboard.caseapi.channels.WebhookRefusal.Reason;
import org.switchboard.caseapi.conversations.DeliveryStatusUpdates;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.InboundReception;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.meta.MetaSender;

/**
 * Meta's webhook for the WhatsApp Cloud API ({@code object = whatsapp_business_account}), Messenger
 * ({@code page}) and Instagram ({@code instagram}). The accounts a notification concerns are read from it (phone
 * number id, page id, Instagram account id) and the raw body's {@code X-Hub-Signature-256} must match each one's
 * app secret before any of it is stored. Parsing to find the accounts stores nothing.
 */
@Component
public class MetaWebhooks {

  static final String PROVIDER = MetaSender.PROVIDER;

  private final ChannelAccounts accounts;
  private final InboundReception reception;
  private final DeliveryStatusUpdates statuses;
  private final WebhookProperties properties;
  private final Environment environment;
  private final ObjectMapper mapper;
  private final Clock clock;

  public MetaWebhooks(ChannelAccounts accounts, InboundReception reception, DeliveryStatusUpdates statuses,
      WebhookProperties properties, Environment environment, ObjectMapper mapper, Clock clock) {
    this.accounts = accounts;
    this.reception = reception;
    this.statuses = statuses;
    this.properties = properties;
    this.environment = environment;
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * The subscription handshake: the challenge when the verify token is right, otherwise a refusal. The token is the
   * one of the account the callback URL names ({@code ?account=<id>}) or {@code switchboard.webhooks.meta.verify-token}.
   */
  public String handshake(String mode, String verifyToken, String challenge, String accountId) {
    ChannelAccount account = accountId == null ? null : accounts.byId(accountId).orElse(null);
    Optional<String> expected = accountId == null
        ? Optional.ofNullable(properties.meta().verifyToken()).filter(t -> !t.isBlank())
        : Optional.ofNullable(account).flatMap(a -> a.secret("verifyToken", environment::getProperty));
    if (!"subscribe".equals(mode) || challenge == null || expected.isEmpty()
        || !MetaSignature.sameSecret(expected.get(), verifyToken)) {
      throw new WebhookRefusal(PROVIDER, Reason.VERIFY_TOKEN_MISMATCH, account);
    }
    return challenge;
  }

  /** A notification: messages are accepted, statuses applied. */
  public void receive(byte[] body, String signature) {
    JsonNode root = parse(body);
    Notification notification = root == null ? null : read(root);
    if (notification == null || notification.accounts().isEmpty()) {
      throw new WebhookRefusal(PROVIDER, signature == null ? Reason.UNSIGNED : Reason.UNKNOWN_ACCOUNT, null);
    }
    for (Map.Entry<String, Optional<ChannelAccount>> named : notification.accounts().entrySet()) {
      ChannelAccount account = named.getValue()
          .orElseThrow(() -> new WebhookRefusal(PROVIDER, Reason.UNKNOWN_ACCOUNT, null));
      if (!PROVIDER.equals(account.provider())) {
        throw new WebhookRefusal(PROVIDER, Reason.ACCOUNT_MISMATCH, account);
      }
      if (signature == null || signature.isBlank()) {
        throw new WebhookRefusal(PROVIDER, Reason.UNSIGNED, account);
      }
      String appSecret = account.secret("appSecret", environment::getProperty)
          .orElseThrow(() -> new WebhookRefusal(PROVIDER, Reason.SECRET_MISSING, account));
      if (!MetaSignature.matches(signature, appSecret, body)) {
        throw new WebhookRefusal(PROVIDER, Reason.BAD_SIGNATURE, account);
      }
    }
    notification.messages().forEach(reception::accept);
    notification.statuses().forEach(s -> statuses.apply(s.channel(), s.providerMessageId(), s.state(), s.errorCode(),
        s.at()));
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode root = mapper.readTree(body);
      return root != null && root.isObject() ? root : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  private record Status(Channel channel, String providerMessageId, DeliveryState state, String errorCode, Instant at) {
  }

  /** Accounts by the id the payload used for them (empty when unknown), and what to do once all are verified. */
  private record Notification(Map<String, Optional<ChannelAccount>> accounts, List<InboundMessage> messages,
      List<Status> statuses) {
  }

  private Notification read(JsonNode root) {
    String object = root.path("object").asText();
    Notification n = new Notification(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
    for (JsonNode entry : root.path("entry")) {
      switch (object) {
        case "whatsapp_business_account" -> {
          for (JsonNode change : entry.path("changes")) {
            if ("messages".equals(change.path("field").asText())) {
              whatsApp(change.path("value"), n);
            }
          }
        }
        case "page" -> messaging(Channel.MESSENGER, entry, n);
        case "instagram" -> messaging(Channel.INSTAGRAM, entry, n);
        default -> {
          // Other objects (user, permissions, ...) are not subscribed to; nothing names an account.
        }
      }
    }
    return n;
  }

  private void whatsApp(JsonNode value, Notification n) {
    String phoneNumberId = value.path("metadata").path("phone_number_id").asText(null);
    if (phoneNumberId == null) {
      return;
    }
    Optional<ChannelAccount> account = n.accounts().computeIfAbsent("whatsapp:" + phoneNumberId,
        k -> accounts.byAddress(Channel.WHATSAPP, phoneNumberId));
    String display = value.path("metadata").path("display_phone_number").asText(null);
    Map<String, String> names = new LinkedHashMap<>();
    for (JsonNode contact : value.path("contacts")) {
      names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
    }
    for (JsonNode message : value.path("messages")) {
      String type = message.path("type").asText();
      List<InboundMessage.Media> media = new ArrayList<>();
      JsonNode content = message.path(type);
      if (List.of("image", "audio", "video", "document", "sticker").contains(type) && content.hasNonNull("id")) {
        media.add(new InboundMessage.Media(content.path("id").asText(), content.path("mime_type").asText(null),
            content.path("filename").asText(null), null));
      }
      String from = message.path("from").asText(null);
      account.ifPresent(a -> n.messages().add(new InboundMessage(a.id(), Channel.WHATSAPP,
          message.path("id").asText(null), from, display != null ? display : phoneNumberId, names.get(from), null,
          whatsAppText(type, message), null, List.of(), media, clock.instant(), message.toString())));
    }
    for (JsonNode status : value.path("statuses")) {
      DeliveryState state = switch (status.path("status").asText()) {
        case "sent" -> DeliveryState.SENT;
        case "delivered" -> DeliveryState.DELIVERED;
        case "read" -> DeliveryState.READ;
        case "failed" -> DeliveryState.FAILED;
        default -> null;
      };
      if (state != null) {
        JsonNode error = status.path("errors").path(0);
        n.statuses().add(new Status(Channel.WHATSAPP, status.path("id").asText(null), state,
            error.hasNonNull("code") ? error.path("code").asText() : null, epochSeconds(status.path("timestamp"))));
      }
    }
  }

  private static String whatsAppText(String type, JsonNode message) {
    return switch (type) {
      case "text" -> message.path("text").path("body").asText(null);
      case "image", "video", "document" -> message.path(type).path("caption").asText(null);
      case "button" -> message.path("button").path("text").asText(null);
      case "interactive" -> {
        JsonNode interactive = message.path("interactive");
        JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply")
            : interactive.path("list_reply");
        yield reply.path("title").asText(null);
      }
      default -> null;
    };
  }

  /** Messenger ({@code page}) and Instagram entries: {@code messaging} events of one page or Instagram account. */
  private void messaging(Channel channel, JsonNode entry, Notification n) {
    String ownId = entry.path("id").asText(null);
    if (ownId == null) {
      return;
    }
    Optional<ChannelAccount> account = n.accounts().computeIfAbsent(channel + ":" + ownId,
        k -> accounts.byAddress(channel, ownId));
    for (JsonNode event : entry.path("messaging")) {
      JsonNode message = event.path("message");
      if (message.isObject() && !message.path("is_echo").asBoolean(false) && message.hasNonNull("mid")) {
        List<InboundMessage.Media> media = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
          String url = attachment.path("payload").path("url").asText(null);
          if (url != null) {
            media.add(new InboundMessage.Media(url, mediaType(attachment.path("type").asText()), null, null));
          }
        }
        account.ifPresent(a -> n.messages().add(new InboundMessage(a.id(), channel, message.path("mid").asText(),
            event.path("sender").path("id").asText(null), ownId, null, null, message.path("text").asText(null),
            null, List.of(), media, clock.instant(), event.toString())));
      }
      for (JsonNode mid : event.path("delivery").path("mids")) {
        n.statuses().add(new Status(channel, mid.asText(), DeliveryState.DELIVERED, null,
            epochMillis(event.path("timestamp"))));
      }
      if (event.path("read").hasNonNull("mid")) {
        n.statuses().add(new Status(channel, event.path("read").path("mid").asText(), DeliveryState.READ, null,
            epochMillis(event.path("timestamp"))));
      }
    }
  }

  /** Messenger names only a kind; the download's own content type wins later anyway. */
  private static String mediaType(String kind) {
    return switch (kind) {
      case "image" -> "image/*";
      case "video" -> "video/*";
      case "audio" -> "audio/*";
      default -> "application/octet-stream";
    };
  }

  private Instant epochSeconds(JsonNode value) {
    long seconds = value.asLong(0);
    return seconds > 0 ? Instant.ofEpochSecond(seconds) : clock.instant();
  }

  private Instant epochMillis(JsonNode value) {
    long millis = value.asLong(0);
    return millis > 0 ? Instant.ofEpochMilli(millis) : clock.instant();
  }
}
