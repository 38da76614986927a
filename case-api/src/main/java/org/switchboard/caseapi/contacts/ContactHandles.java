package org.switchboard.caseapi.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.ConversationsProperties;
import org.switchboard.workers.channels.Channel;

/**
 * Normal forms of handles, so every way of writing one maps to one blind-index token: phone numbers in E.164
 * (libphonenumber, national numbers read in {@code switchboard.conversations.default-region}), email addresses
 * lower-cased without display name, provider user ids as given.
 */
@Component
public class ContactHandles {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final String defaultRegion;

  public ContactHandles(ConversationsProperties properties) {
    this.defaultRegion = properties.defaultRegion().toUpperCase(Locale.ROOT);
  }

  /** A handle in normal form; {@code e164} is set when it is a valid phone number. */
  public record Handle(IdentityKind kind, String value, String e164) {
  }

  public Handle of(Channel channel, String raw) {
    IdentityKind kind = IdentityKind.of(channel);
    String value = raw == null ? "" : raw.strip();
    return switch (kind) {
      case PHONE -> {
        Optional<String> e164 = e164(value, channel == Channel.WHATSAPP);
        yield new Handle(kind, e164.orElse(value.toLowerCase(Locale.ROOT)), e164.orElse(null));
      }
      case EMAIL -> new Handle(kind, email(value), null);
      default -> new Handle(kind, value, null);
    };
  }

  /** Twilio writes {@code whatsapp:+44...}; Meta's wa_id has no plus; people write 0044 or national numbers. */
  public Optional<String> e164(String raw, boolean internationalWithoutPlus) {
    String value = raw.strip();
    int colon = value.indexOf(':');
    if (colon >= 0 && value.substring(0, colon).matches("[A-Za-z]+")) {
      value = value.substring(colon + 1).strip();
    }
    if (internationalWithoutPlus && value.matches("[0-9]{8,15}")) {
      value = "+" + value;
    }
    try {
      PhoneNumber number = PHONES.parse(value, defaultRegion);
      return PHONES.isValidNumber(number) ? Optional.of(PHONES.format(number, PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  static String email(String raw) {
    String value = raw;
    int open = value.lastIndexOf('<');
    int close = value.lastIndexOf('>');
    if (open >= 0 && close > open) {
      value = value.substring(open + 1, close);
    }
    if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
      value = value.substring(7);
    }
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
