package org.switchboard.caseapi.contacts.preferences;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.contacts.Contact;
import org.switchboard.caseapi.contacts.ContactAccess;
import org.switchboard.caseapi.contacts.preferences.ContactPreferences.OptOut;
import org.switchboard.caseapi.contacts.preferences.ContactPreferences.SafeWindow;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.channels.Channel;

/** Reading and changing a contact's preferences through the API (audited both ways). */
@Component
public class ContactPreferencesUseCases {

  /** Opt-outs an agent records on the contact's behalf (by phone, letter, in person). */
  public static final String SOURCE_AGENT = "AGENT";

  private final ContactAccess contacts;
  private final ContactPreferenceRepository preferences;
  private final AuditRecorder audit;
  private final Clock clock;

  public ContactPreferencesUseCases(ContactAccess contacts, ContactPreferenceRepository preferences,
      AuditRecorder audit, Clock clock) {
    this.contacts = contacts;
    this.preferences = preferences;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public ContactPreferences get(String contactId) {
    Contact contact = contacts.require(contactId);
    audit.success(PreferenceAuditActions.CONTACT_PREFERENCES_VIEWED, contact.tenantId(), "contact", contact.id(),
        Map.of());
    return preferences.find(contact.id(), contact.tenantId());
  }

  /** Replaces the preferences and the set of opted-out channels; 409 when {@code version} is not the stored one. */
  @Transactional
  public ContactPreferences replace(String contactId, Change change) {
    Parsed parsed = parse(change);
    Contact contact = contacts.requireForUpdate(contactId);
    ContactPreferences before = preferences.find(contact.id(), contact.tenantId());
    if (change.version() != null && change.version() != before.version()) {
      throw ApiException.conflict("The preferences of contact " + contactId + " changed (version "
          + before.version() + "); reload and try again");
    }
    String user = CurrentUser.get().userId();
    Instant now = clock.instant();
    ContactPreferences after = new ContactPreferences(contact.id(), contact.tenantId(), parsed.preferred(),
        parsed.safeChannels(), parsed.zone(), parsed.windows(), change.doNotContact(), Map.of(), now, user,
        before.version() + 1);
    if (!preferences.save(after, before.version())) {
      throw ApiException.conflict("The preferences of contact " + contactId + " changed concurrently; try again");
    }
    List<String> optedOut = new ArrayList<>();
    List<String> optedIn = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      boolean wanted = parsed.optOuts().contains(channel);
      if (wanted && !before.optOuts().containsKey(channel)) {
        preferences.optOut(contact.id(), contact.tenantId(), new OptOut(channel, now, SOURCE_AGENT, null, user));
        optedOut.add(channel.name());
      } else if (!wanted && before.optOuts().containsKey(channel)) {
        preferences.optIn(contact.id(), channel);
        optedIn.add(channel.name());
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("fields", changedFields(before, after));
    details.put("optedOut", optedOut);
    details.put("optedIn", optedIn);
    audit.success(PreferenceAuditActions.CONTACT_PREFERENCES_CHANGED, contact.tenantId(), "contact", contact.id(),
        details);
    return preferences.find(contact.id(), contact.tenantId());
  }

  private static List<String> changedFields(ContactPreferences before, ContactPreferences after) {
    List<String> fields = new ArrayList<>();
    if (!Objects.equals(before.preferredChannel(), after.preferredChannel())) {
      fields.add("preferredChannel");
    }
    if (!before.safeChannels().equals(after.safeChannels())) {
      fields.add("safeChannels");
    }
    if (!Objects.equals(before.timeZone(), after.timeZone())) {
      fields.add("timeZone");
    }
    if (!before.safeWindows().equals(after.safeWindows())) {
      fields.add("safeWindows");
    }
    if (before.doNotContact() != after.doNotContact()) {
      fields.add("doNotContact");
    }
    return fields;
  }

  private static Parsed parse(Change change) {
    List<FieldError> errors = new ArrayList<>();
    Channel preferred = channel(change.preferredChannel(), "preferredChannel", errors);
    Set<Channel> safe = EnumSet.noneOf(Channel.class);
    List<String> safeNames = change.safeChannels() == null ? List.of() : change.safeChannels();
    for (int i = 0; i < safeNames.size(); i++) {
      Channel c = channel(safeNames.get(i), "safeChannels[" + i + "]", errors);
      if (c != null) {
        safe.add(c);
      }
    }
    if (preferred != null && !safe.isEmpty() && !safe.contains(preferred)) {
      errors.add(new FieldError("preferredChannel", "must be one of the safe channels"));
    }
    Set<Channel> optOuts = EnumSet.noneOf(Channel.class);
    List<String> optOutNames = change.optedOutChannels() == null ? List.of() : change.optedOutChannels();
    for (int i = 0; i < optOutNames.size(); i++) {
      Channel c = channel(optOutNames.get(i), "optedOutChannels[" + i + "]", errors);
      if (c != null) {
        optOuts.add(c);
      }
    }
    ZoneId zone = null;
    if (change.timeZone() != null) {
      try {
        zone = ZoneId.of(change.timeZone());
      } catch (DateTimeException e) {
        errors.add(new FieldError("timeZone", "is not a time zone id such as Europe/Berlin"));
      }
    }
    List<SafeWindow> windows = new ArrayList<>();
    List<Window> requested = change.safeWindows() == null ? List.of() : change.safeWindows();
    for (int i = 0; i < requested.size(); i++) {
      Window w = requested.get(i);
      String at = "safeWindows[" + i + "]";
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      List<String> dayNames = w.days() == null ? List.of() : w.days();
      for (int d = 0; d < dayNames.size(); d++) {
        DayOfWeek day = day(dayNames.get(d));
        if (day == null) {
          errors.add(new FieldError(at + ".days[" + d + "]", "must be MON, TUE, WED, THU, FRI, SAT or SUN"));
        } else {
          days.add(day);
        }
      }
      LocalTime from = time(w.from(), at + ".from", errors);
      LocalTime to = time(w.to(), at + ".to", errors);
      if (from != null && to != null) {
        if (from.equals(to)) {
          errors.add(new FieldError(at + ".to", "must differ from 'from'"));
        } else {
          windows.add(new SafeWindow(days, from, to));
        }
      }
    }
    if (!windows.isEmpty() && zone == null && change.timeZone() == null) {
      errors.add(new FieldError("timeZone", "is required with safe windows: they are the contact's local times"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new Parsed(preferred, safe, zone, windows, optOuts);
  }

  private static Channel channel(String name, String field, List<FieldError> errors) {
    if (name == null) {
      return null;
    }
    try {
      return Channel.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "must be one of SMS, WHATSAPP, EMAIL, WEBCHAT, MESSENGER, INSTAGRAM"));
      return null;
    }
  }

  private static DayOfWeek day(String name) {
    if (name == null) {
      return null;
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().substring(0, 3).equalsIgnoreCase(name) || day.name().equalsIgnoreCase(name)) {
        return day;
      }
    }
    return null;
  }

  private static LocalTime time(String value, String field, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "is required (HH:mm)"));
      return null;
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be a time HH:mm"));
      return null;
    }
  }

  /** What a caller asks for; {@code version} (optional) is the version they read. */
  public record Change(String preferredChannel, List<String> safeChannels, String timeZone, List<Window> safeWindows,
      boolean doNotContact, List<String> optedOutChannels, Long version) {
  }

  public record Window(List<String> days, String from, String to) {
  }

  private record Parsed(Channel preferred, Set<Channel> safeChannels, ZoneId zone, List<SafeWindow> windows,
      Set<Channel> optOuts) {
  }
}
