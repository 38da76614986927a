package org.switchboard.caseapi.contacts.preferences;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.workers.channels.Channel;

/**
 * How and when a contact may be reached. Empty {@code safeChannels} means every channel, empty {@code safeWindows}
 * any time; {@code optOuts} are the channels the contact opted out of (e.g. by replying STOP).
 *
 * @param timeZone the contact's time zone; the safe windows are read in it
 */
public record ContactPreferences(String contactId, String tenantId, Channel preferredChannel,
    Set<Channel> safeChannels, ZoneId timeZone, List<SafeWindow> safeWindows, boolean doNotContact,
    Map<Channel, OptOut> optOuts, Instant updatedAt, String updatedBy, long version) {

  public ContactPreferences {
    safeChannels = safeChannels == null ? Set.of() : Set.copyOf(safeChannels);
    safeWindows = safeWindows == null ? List.of() : List.copyOf(safeWindows);
    optOuts = optOuts == null ? Map.of() : Map.copyOf(optOuts);
  }

  /** What a contact without stored preferences has: no restriction at all. */
  public static ContactPreferences none(String contactId, String tenantId) {
    return new ContactPreferences(contactId, tenantId, null, Set.of(), null, List.of(), false, Map.of(), null, null,
        0);
  }

  public boolean stored() {
    return updatedAt != null;
  }

  /** Whether {@code at} falls into one of the safe windows (in the contact's time zone; UTC when none is set). */
  public boolean withinSafeWindow(Instant at) {
    if (safeWindows.isEmpty()) {
      return true;
    }
    ZonedDateTime local = at.atZone(timeZone != null ? timeZone : ZoneId.of("UTC"));
    return safeWindows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), local.toLocalTime()));
  }

  /**
   * Days and a time range. A range whose end is before its start runs over midnight; it belongs to the day it
   * starts on.
   */
  public record SafeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public SafeWindow {
      days = days == null || days.isEmpty() ? Set.of(DayOfWeek.values()) : Set.copyOf(days);
    }

    boolean contains(DayOfWeek day, LocalTime time) {
      if (!from.isAfter(to)) {
        return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
      }
      return days.contains(day) && !time.isBefore(from) || days.contains(day.minus(1)) && time.isBefore(to);
    }
  }

  /**
   * @param source {@code STOP_KEYWORD} (the contact replied STOP, UNSUBSCRIBE, ARRET) or {@code AGENT}
   * @param sourceMessageId the inbound message that carried the keyword
   */
  public record OptOut(Channel channel, Instant at, String source, String sourceMessageId, String recordedBy) {
  }
}
