package org.switchboard.caseapi.channels.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.channels.ForwardedRequests;
import org.switchboard.caseapi.channels.WebhookRefusal;
import org.switchboard.caseapi.channels.WebhookRefusal.Reason;
import org.switchboard.caseapi.conversations.DeliveryStatusUpdates;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.InboundReception;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.twilio.TwilioSender;
import org.switchboard.workers.channels.twilio.TwilioStatuses;

/**
 * Twilio's inbound message webhook (SMS, MMS, WhatsApp) and its delivery status callbacks. Each request is tied to
 * the tenant's channel account by the number Twilio reports (inbound: {@code To}; callbacks: {@code From}), and
 * checked against that account's auth token ({@code X-Twilio-Signature}, twilio-java's {@link RequestValidator}
 * over the public URL and the POST parameters) before anything is stored.
 */
@Component
public class TwilioWebhooks {

  static final String PROVIDER = TwilioSender.PROVIDER;
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";
  private static final String WHATSAPP = "whatsapp:";

  private final ChannelAccounts accounts;
  private final InboundReception reception;
  private final DeliveryStatusUpdates statuses;
  private final ForwardedRequests forwarded;
  private final Environment environment;
  private final ObjectMapper mapper;
  private final Clock clock;

  public TwilioWebhooks(ChannelAccounts accounts, InboundReception reception, DeliveryStatusUpdates statuses,
      ForwardedRequests forwarded, Environment environment, ObjectMapper mapper, Clock clock) {
    this.accounts = accounts;
    this.reception = reception;
    this.statuses = statuses;
    this.forwarded = forwarded;
    this.environment = environment;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** An inbound SMS, MMS ({@code NumMedia}, {@code MediaUrlN}, {@code MediaContentTypeN}) or WhatsApp message. */
  public InboundReception.Acceptance receive(HttpServletRequest request) {
    Map<String, String> params = postParameters(request);
    String to = params.get("To");
    ChannelAccount account = verified(request, params, to);
    List<InboundMessage.Media> media = new ArrayList<>();
    int count = parseCount(params.get("NumMedia"));
    for (int i = 0; i < count; i++) {
      String url = params.get("MediaUrl" + i);
      if (url != null && !url.isBlank()) {
        media.add(new InboundMessage.Media(url, params.get("MediaContentType" + i), null, null));
      }
    }
    String sid = Optional.ofNullable(params.get("MessageSid")).orElse(params.get("SmsSid"));
    return reception.accept(new InboundMessage(account.id(), account.channel(), sid, bare(params.get("From")),
        bare(to), params.get("ProfileName"), null, params.get("Body"), null, List.of(), media, clock.instant(),
        json(params)));
  }

  /** A delivery status callback; returns whether the message moved (older and repeated states do not). */
  public boolean status(HttpServletRequest request) {
    Map<String, String> params = postParameters(request);
    ChannelAccount account = verified(request, params, params.get("From"));
    String sid = Optional.ofNullable(params.get("MessageSid")).orElse(params.get("SmsSid"));
    String status = Optional.ofNullable(params.get("MessageStatus")).orElse(params.get("SmsStatus"));
    return TwilioStatuses.toDeliveryState(status)
        .map(state -> statuses.apply(account.channel(), sid, state, params.get("ErrorCode"), clock.instant()))
        .orElse(false);
  }

  private ChannelAccount verified(HttpServletRequest request, Map<String, String> params, String ourNumber) {
    ChannelAccount account = account(ourNumber)
        .orElseThrow(() -> new WebhookRefusal(PROVIDER, Reason.UNKNOWN_ACCOUNT, null));
    if (!PROVIDER.equals(account.provider())) {
      throw new WebhookRefusal(PROVIDER, Reason.ACCOUNT_MISMATCH, account);
    }
    String signature = request.getHeader(SIGNATURE_HEADER);
    if (signature == null || signature.isBlank()) {
      throw new WebhookRefusal(PROVIDER, Reason.UNSIGNED, account);
    }
    String authToken = account.secret("authToken", environment::getProperty)
        .orElseThrow(() -> new WebhookRefusal(PROVIDER, Reason.SECRET_MISSING, account));
    String url = forwarded.publicUrl(request, account.setting("publicUrl"));
    if (!new RequestValidator(authToken).validate(url, params, signature)) {
      throw new WebhookRefusal(PROVIDER, Reason.BAD_SIGNATURE, account);
    }
    // Signed with this token, yet for another Twilio (sub)account: not this channel's traffic.
    Optional<String> accountSid = account.setting("accountSid")
        .or(() -> account.secret("accountSid", environment::getProperty));
    if (accountSid.isPresent() && !accountSid.get().equals(params.get("AccountSid"))) {
      throw new WebhookRefusal(PROVIDER, Reason.ACCOUNT_MISMATCH, account);
    }
    return account;
  }

  private Optional<ChannelAccount> account(String number) {
    if (number == null || number.isBlank()) {
      return Optional.empty();
    }
    if (number.startsWith(WHATSAPP)) {
      return accounts.byAddress(Channel.WHATSAPP, number)
          .or(() -> accounts.byAddress(Channel.WHATSAPP, bare(number)));
    }
    return accounts.byAddress(Channel.SMS, number);
  }

  /**
   * The form parameters of the body only: Twilio signs the URL (with its query string) plus the POST parameters,
   * while the servlet API merges query and body parameters (query values first).
   */
  static Map<String, String> postParameters(HttpServletRequest request) {
    Map<String, Integer> inQuery = new HashMap<>();
    if (request.getQueryString() != null) {
      for (String pair : request.getQueryString().split("&")) {
        if (!pair.isEmpty()) {
          inQuery.merge(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8), 1, Integer::sum);
        }
      }
    }
    Map<String, String> params = new TreeMap<>();
    request.getParameterMap().forEach((name, values) -> {
      List<String> body = Arrays.asList(values).subList(Math.min(values.length, inQuery.getOrDefault(name, 0)),
          values.length);
      if (!body.isEmpty()) {
        params.put(name, body.get(0));
      }
    });
    return params;
  }

  private String json(Map<String, String> params) {
    try {
      return mapper.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bare(String address) {
    return address != null && address.startsWith(WHATSAPP) ? address.substring(WHATSAPP.length()) : address;
  }

  private static int parseCount(String value) {
    try {
      return value == null ? 0 : Math.max(0, Math.min(10, Integer.parseInt(value.strip())));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
