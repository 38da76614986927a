package org.switchboard.caseapi.channels.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditTrail;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.InboundReception;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.email.EmailAccountSettings;
import org.switchboard.workers.channels.email.MessageIds;

/**
 * {@code POST /webhooks/email}: mail already parsed by a provider (inbound-parse style JSON). The signature is
 * checked before anything is stored; a mailbox without a webhook secret refuses all traffic. Accepted mail goes
 * through {@link InboundReception} exactly like polled mail.
 */
@Component
public class ReceiveEmailWebhook {

  /** Security event: a webhook request refused; details.reason is one of the three below. */
  public static final String WEBHOOK_REFUSED = "WEBHOOK_REFUSED";
  static final String SECRET_MISSING = "SECRET_MISSING";
  static final String UNSIGNED = "UNSIGNED";
  static final String BAD_SIGNATURE = "BAD_SIGNATURE";
  /** Environment variable with the webhook secret of mailboxes that have none of their own. */
  public static final String DEFAULT_SECRET_VARIABLE = "EMAIL_WEBHOOK_SECRET";
  static final String PATH = "/webhooks/email";

  private final ChannelAccounts accounts;
  private final InboundReception reception;
  private final AuditTrail audit;
  private final Environment environment;
  private final ObjectMapper mapper;
  private final Clock clock;

  public ReceiveEmailWebhook(ChannelAccounts accounts, InboundReception reception, AuditTrail audit,
      Environment environment, ObjectMapper mapper, Clock clock) {
    this.accounts = accounts;
    this.reception = reception;
    this.audit = audit;
    this.environment = environment;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Where the request came from, for the security event. */
  public record Caller(String address, String client) {
  }

  public InboundReception.Acceptance receive(byte[] body, String signature, String accountId, Caller caller) {
    JsonNode json = readOrNull(body);
    Optional<ChannelAccount> account = account(accountId, json);
    Optional<String> secret = account.flatMap(a -> a.secret(EmailAccountSettings.WEBHOOK_SECRET,
            environment::getProperty))
        .or(() -> Optional.ofNullable(environment.getProperty(DEFAULT_SECRET_VARIABLE)).filter(s -> !s.isBlank()));
    if (secret.isEmpty()) {
      throw refuse(account, caller, SECRET_MISSING, "no webhook secret is configured for this mailbox");
    }
    if (signature == null || signature.isBlank()) {
      throw refuse(account, caller, UNSIGNED, "the request is not signed");
    }
    if (!WebhookSignature.verify(secret.get(), body, signature)) {
      throw refuse(account, caller, BAD_SIGNATURE, "the signature does not match");
    }
    if (json == null || !json.isObject()) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    if (account.isEmpty()) {
      throw ApiException.notFound("email account for", "this recipient");
    }
    return reception.accept(toInbound(account.get(), json, body));
  }

  private InboundMessage toInbound(ChannelAccount account, JsonNode json, byte[] body) {
    Map<String, String> headers = headers(json.get("headers"));
    InternetAddress from = address(text(json, "from"));
    if (from == null) {
      throw ApiException.invalid("from", "must be an email address");
    }
    String text = text(json, "text");
    String html = text(json, "html");
    String readable = text != null && !text.isBlank() ? text : Optional.ofNullable(HtmlText.toText(html)).orElse("");
    String messageId = MessageIds.normalise(headers.get("message-id"));
    if (messageId == null) {
      // Providers retry the same payload: the body's digest makes the retry a duplicate.
      messageId = "<webhook." + sha256(body).substring(0, 40) + "@switchboard.invalid>";
    }
    String subject = Optional.ofNullable(text(json, "subject")).orElse(headers.get("subject"));
    return new InboundMessage(account.id(), Channel.EMAIL, messageId, from.getAddress(), account.address(),
        from.getPersonal(), subject, readable, MessageIds.normalise(headers.get("in-reply-to")),
        MessageIds.parseList(headers.get("references")), attachments(json.get("attachments")), clock.instant(),
        new String(body, StandardCharsets.UTF_8));
  }

  private Optional<ChannelAccount> account(String accountId, JsonNode json) {
    if (accountId != null && !accountId.isBlank()) {
      return accounts.byId(accountId).filter(a -> a.channel() == Channel.EMAIL);
    }
    if (json == null) {
      return Optional.empty();
    }
    for (String candidate : recipients(json.get("to"))) {
      Optional<ChannelAccount> found = accounts.byAddress(Channel.EMAIL, candidate)
          .or(() -> accounts.byAddress(Channel.EMAIL, candidate.toLowerCase(Locale.ROOT)));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static List<String> recipients(JsonNode to) {
    List<String> values = new ArrayList<>();
    if (to == null) {
      return values;
    }
    List<String> raw = new ArrayList<>();
    if (to.isArray()) {
      to.forEach(n -> raw.add(n.asText()));
    } else {
      raw.add(to.asText());
    }
    for (String entry : raw) {
      try {
        for (InternetAddress address : InternetAddress.parse(entry, false)) {
          values.add(address.getAddress());
        }
      } catch (AddressException ignored) {
        // Not an address list: no mailbox can match it.
      }
    }
    return values;
  }

  /** Headers as an object ({"Message-ID": "..."}) or as the raw header block; names lower-cased. */
  private static Map<String, String> headers(JsonNode node) {
    Map<String, String> headers = new TreeMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        headers.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue().asText());
      }
      return headers;
    }
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : node.asText().split("\\r?\\n")) {
      if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && name != null) {
        value.append(' ').append(line.trim());
        continue;
      }
      if (name != null) {
        headers.putIfAbsent(name, value.toString());
      }
      int colon = line.indexOf(':');
      name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
      value = new StringBuilder(colon > 0 ? line.substring(colon + 1).trim() : "");
    }
    if (name != null) {
      headers.putIfAbsent(name, value.toString());
    }
    return headers;
  }

  private static List<InboundMessage.Media> attachments(JsonNode node) {
    List<InboundMessage.Media> media = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return media;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode attachment = node.get(i);
      String content = text(attachment, "content");
      if (content == null) {
        throw ApiException.invalid("attachments[" + i + "].content", "must be base64");
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(content);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("attachments[" + i + "].content", "must be base64");
      }
      String fileName = Optional.ofNullable(text(attachment, "filename")).orElse(text(attachment, "fileName"));
      String contentType = Optional.ofNullable(text(attachment, "contentType")).orElse("application/octet-stream");
      media.add(new InboundMessage.Media(null, contentType, fileName == null ? "attachment-" + (i + 1) : fileName,
          bytes));
    }
    return media;
  }

  private static InternetAddress address(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parse(value, false);
      return parsed.length == 0 ? null : parsed[0];
    } catch (AddressException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private JsonNode readOrNull(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private ApiException refuse(Optional<ChannelAccount> account, Caller caller, String reason, String detail) {
    // Same shape as the other providers' webhook refusals (docs/audit.md): never the request's body.
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", "email");
    details.put("reason", reason);
    details.put("method", "POST");
    details.put("path", PATH);
    audit.record(new AuditEvent(WEBHOOK_REFUSED, "webhook:email", clock.instant(),
        account.map(ChannelAccount::tenantId).orElse(null), "channel_account",
        account.map(ChannelAccount::id).orElse(null), cut(caller.address(), 100), cut(caller.client(), 200),
        AuditEvent.Outcome.DENIED, details));
    return ApiException.forbidden(detail);
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cut(String text, int max) {
    if (text == null) {
      return null;
    }
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
