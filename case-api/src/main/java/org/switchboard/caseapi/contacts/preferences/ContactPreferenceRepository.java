package org.switchboard.caseapi.contacts.preferences;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.contacts.preferences.ContactPreferences.OptOut;
import org.switchboard.caseapi.contacts.preferences.ContactPreferences.SafeWindow;
import org.switchboard.workers.channels.Channel;

/** Rows of {@code contact_preference} and {@code contact_opt_out}. */
@Repository
public class ContactPreferenceRepository {

  private static final TypeReference<List<StoredWindow>> WINDOWS = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  public ContactPreferenceRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** The contact's preferences with its opt-outs; {@link ContactPreferences#none} when nothing is stored. */
  public ContactPreferences find(String contactId, String tenantId) {
    Map<Channel, OptOut> optOuts = optOuts(contactId);
    return jdbc.sql("SELECT * FROM contact_preference WHERE contact_id = :id").param("id", contactId)
        .query((rs, n) -> new ContactPreferences(contactId, rs.getString("tenant_id"),
            rs.getString("preferred_channel") == null ? null : Channel.valueOf(rs.getString("preferred_channel")),
            channels(rs.getString("safe_channels")),
            rs.getString("time_zone") == null ? null : ZoneId.of(rs.getString("time_zone")),
            windows(rs.getString("safe_windows")), rs.getBoolean("do_not_contact"), optOuts,
            instant(rs, "updated_at"), rs.getString("updated_by"), rs.getLong("version")))
        .optional()
        .orElseGet(() -> new ContactPreferences(contactId, tenantId, null, Set.of(), null, List.of(), false, optOuts,
            null, null, 0));
  }

  /**
   * Inserts or updates; optimistic: false when {@code expectedVersion} is not the stored version (0 = none stored).
   */
  public boolean save(ContactPreferences p, long expectedVersion) {
    if (expectedVersion == 0) {
      int exists = jdbc.sql("SELECT COUNT(*) FROM contact_preference WHERE contact_id = :id")
          .param("id", p.contactId()).query(Integer.class).single();
      if (exists > 0) {
        return false;
      }
      jdbc.sql("""
          INSERT INTO contact_preference (contact_id, tenant_id, preferred_channel, safe_channels, time_zone,
            safe_windows, do_not_contact, updated_at, updated_by, version)
          VALUES (:id, :t, :preferred, :safe, :zone, :windows, :dnc, :at, :by, 1)
          """).params(params(p)).param("t", p.tenantId()).update();
      return true;
    }
    return jdbc.sql("""
        UPDATE contact_preference SET preferred_channel = :preferred, safe_channels = :safe, time_zone = :zone,
          safe_windows = :windows, do_not_contact = :dnc, updated_at = :at, updated_by = :by, version = version + 1
        WHERE contact_id = :id AND version = :version
        """).params(params(p)).param("version", expectedVersion).update() == 1;
  }

  /** Records an opt-out; an earlier one for the channel stays as it was (the first STOP counts). */
  public boolean optOut(String contactId, String tenantId, OptOut o) {
    int exists = jdbc.sql("SELECT COUNT(*) FROM contact_opt_out WHERE contact_id = :id AND channel = :ch")
        .param("id", contactId).param("ch", o.channel().name()).query(Integer.class).single();
    if (exists > 0) {
      return false;
    }
    jdbc.sql("""
        INSERT INTO contact_opt_out (contact_id, channel, tenant_id, opted_out_at, source, source_message_id, recorded_by)
        VALUES (:id, :ch, :t, :at, :source, :msg, :by)
        """).param("id", contactId).param("ch", o.channel().name()).param("t", tenantId).param("at", ts(o.at()))
        .param("source", o.source()).param("msg", o.sourceMessageId()).param("by", o.recordedBy()).update();
    return true;
  }

  /** Removes the opt-out of the channel; false when there was none. */
  public boolean optIn(String contactId, Channel channel) {
    return jdbc.sql("DELETE FROM contact_opt_out WHERE contact_id = :id AND channel = :ch")
        .param("id", contactId).param("ch", channel.name()).update() > 0;
  }

  private Map<Channel, OptOut> optOuts(String contactId) {
    Map<Channel, OptOut> result = new EnumMap<>(Channel.class);
    jdbc.sql("SELECT * FROM contact_opt_out WHERE contact_id = :id").param("id", contactId)
        .query((rs, n) -> new OptOut(Channel.valueOf(rs.getString("channel")), instant(rs, "opted_out_at"),
            rs.getString("source"), rs.getString("source_message_id"), rs.getString("recorded_by")))
        .list().forEach(o -> result.put(o.channel(), o));
    return result;
  }

  private Map<String, Object> params(ContactPreferences p) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", p.contactId());
    params.put("preferred", p.preferredChannel() == null ? null : p.preferredChannel().name());
    params.put("safe", p.safeChannels().isEmpty() ? null
        : p.safeChannels().stream().map(Channel::name).sorted().collect(Collectors.joining(",")));
    params.put("zone", p.timeZone() == null ? null : p.timeZone().getId());
    params.put("windows", p.safeWindows().isEmpty() ? null : write(p.safeWindows()));
    params.put("dnc", p.doNotContact());
    params.put("at", ts(p.updatedAt()));
    params.put("by", p.updatedBy());
    return params;
  }

  private static Set<Channel> channels(String stored) {
    if (stored == null || stored.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(stored.split(",")).map(Channel::valueOf).collect(Collectors.toSet());
  }

  private List<SafeWindow> windows(String stored) {
    if (stored == null || stored.isBlank()) {
      return List.of();
    }
    try {
      return mapper.readValue(stored, WINDOWS).stream()
          .map(w -> new SafeWindow(w.days().stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()),
              LocalTime.parse(w.from()), LocalTime.parse(w.to())))
          .toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored safe windows are not JSON", e);
    }
  }

  private String write(List<SafeWindow> windows) {
    try {
      return mapper.writeValueAsString(windows.stream()
          .map(w -> new StoredWindow(new TreeSet<>(w.days()).stream().map(DayOfWeek::name).toList(),
              w.from().toString(), w.to().toString()))
          .toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private record StoredWindow(List<String> days, String from, String to) {
  }
}
