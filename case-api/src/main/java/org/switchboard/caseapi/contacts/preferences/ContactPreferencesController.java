package org.switchboard.caseapi.contacts.preferences;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.workers.channels.Channel;

@RestController
@RequestMapping("/api/v1/contacts/{contactId}/preferences")
@Tag(name = "Contacts", description = "Data subjects: contact records, export, erasure and legal holds")
public class ContactPreferencesController {

  private final ContactPreferencesUseCases useCases;

  public ContactPreferencesController(ContactPreferencesUseCases useCases) {
    this.useCases = useCases;
  }

  @GetMapping
  @Operation(summary = "A contact's channel preferences, safe channels and times, do-not-contact and opt-outs (audited)")
  public PreferencesView get(@PathVariable String contactId) {
    return PreferencesView.of(useCases.get(contactId));
  }

  @PutMapping
  @Operation(summary = "Replace a contact's preferences and opted-out channels (audited); sends are checked against them")
  public PreferencesView put(@PathVariable String contactId, @Valid @RequestBody PreferencesRequest request) {
    return PreferencesView.of(useCases.replace(contactId, new ContactPreferencesUseCases.Change(
        request.preferredChannel(), request.safeChannels(), request.timeZone(),
        request.safeWindows() == null ? null : request.safeWindows().stream()
            .map(w -> new ContactPreferencesUseCases.Window(w.days(), w.from(), w.to())).toList(),
        request.doNotContact(), request.optedOutChannels(), request.version())));
  }

  /**
   * @param safeChannels the only channels that may be used; empty = any
   * @param timeZone IANA id (Europe/Berlin); the safe windows are local times there
   * @param safeWindows when the contact may be reached; empty = any time
   * @param optedOutChannels channels the contact opted out of; adding one records an opt-out by an agent
   * @param version the version read; a stale one answers 409
   */
  public record PreferencesRequest(
      @Size(max = 20) String preferredChannel,
      @Size(max = 6) List<@NotNull @Size(max = 20) String> safeChannels,
      @Size(max = 64) String timeZone,
      @Size(max = 20) List<@NotNull @Valid WindowRequest> safeWindows,
      @NotNull Boolean doNotContact,
      @Size(max = 6) List<@NotNull @Size(max = 20) String> optedOutChannels,
      Long version) {
  }

  /** @param days MON..SUN, empty = every day; @param from HH:mm; @param to HH:mm (before from = over midnight) */
  public record WindowRequest(@Size(max = 7) List<@NotNull @Size(max = 9) String> days, @Size(max = 5) String from,
      @Size(max = 5) String to) {
  }

  public record PreferencesView(String contactId, Channel preferredChannel, List<Channel> safeChannels,
      String timeZone, List<WindowView> safeWindows, boolean doNotContact, List<OptOutView> optOuts,
      Instant updatedAt, String updatedBy, long version) {

    static PreferencesView of(ContactPreferences p) {
      return new PreferencesView(p.contactId(), p.preferredChannel(), p.safeChannels().stream().sorted().toList(),
          p.timeZone() == null ? null : p.timeZone().getId(),
          p.safeWindows().stream().map(w -> new WindowView(w.days().stream().sorted()
              .map(d -> d.name().substring(0, 3)).toList(), w.from().toString(), w.to().toString())).toList(),
          p.doNotContact(),
          p.optOuts().values().stream().sorted(Comparator.comparing(ContactPreferences.OptOut::channel))
              .map(o -> new OptOutView(o.channel(), o.at(), o.source(), o.sourceMessageId(), o.recordedBy()))
              .toList(),
          p.updatedAt(), p.updatedBy(), p.version());
    }
  }

  public record WindowView(List<String> days, String from, String to) {
  }

  /** @param source STOP_KEYWORD (the contact's message) or AGENT */
  public record OptOutView(Channel channel, Instant at, String source, String sourceMessageId, String recordedBy) {
  }
}
