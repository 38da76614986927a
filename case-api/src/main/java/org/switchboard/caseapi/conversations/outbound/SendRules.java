package org.switchboard.caseapi.conversations.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.contacts.preferences.ContactPreferenceRepository;
import org.switchboard.caseapi.contacts.preferences.ContactPreferences;
import org.switchboard.caseapi.shared.Jdbc;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.RefusalCodes;

/**
 * The rules a send must pass, checked when it is requested and again when a worker claims it: the contact's
 * preferences (do not contact, opt-outs, safe channels, safe times) and the 24-hour customer-service window of
 * WhatsApp, Messenger and Instagram.
 */
@Component
public class SendRules {

  /** Sector of tenants and case types whose contacts' safety preferences nobody may override. */
  public static final String SURVIVOR_SUPPORT = "survivor-support";
  /** Meta's customer-service window: free-form messages only this long after the contact's last message. */
  public static final Duration SERVICE_WINDOW = Duration.ofHours(24);

  private final ContactPreferenceRepository preferences;
  private final TenantDirectory tenants;
  private final JdbcClient jdbc;
  private final Clock clock;

  public SendRules(ContactPreferenceRepository preferences, TenantDirectory tenants, JdbcClient jdbc, Clock clock) {
    this.preferences = preferences;
    this.tenants = tenants;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Survivor support: by the tenant's sector or the case's. */
  public boolean hardRule(CaseRecord c) {
    return SURVIVOR_SUPPORT.equals(c.sector())
        || tenants.find(c.tenantId()).map(t -> SURVIVOR_SUPPORT.equals(t.sector())).orElse(false);
  }

  /**
   * The preference a send would break, if any. Opt-outs and "do not contact" are the contact's own word and are
   * never overridden; safe channels and times may be overridden ({@code overridden}) except under the hard rule.
   */
  public Optional<SendRefusal> checkPreferences(String contactId, String tenantId, Channel channel,
      boolean overridden, boolean hardRule) {
    if (contactId == null) {
      return Optional.empty();
    }
    ContactPreferences p = preferences.find(contactId, tenantId);
    if (p.doNotContact()) {
      return Optional.of(new SendRefusal(RefusalCodes.OPTED_OUT, "The contact asked not to be contacted"));
    }
    ContactPreferences.OptOut optOut = p.optOuts().get(channel);
    if (optOut != null) {
      return Optional.of(new SendRefusal(RefusalCodes.OPTED_OUT, "The contact opted out of " + channel + " on "
          + optOut.at() + " (" + optOut.source() + ")"));
    }
    if (overridden && !hardRule) {
      return Optional.empty();
    }
    if (!p.safeChannels().isEmpty() && !p.safeChannels().contains(channel)) {
      return Optional.of(new SendRefusal(RefusalCodes.UNSAFE_TO_CONTACT, channel
          + " is not one of the contact's safe channels (" + p.safeChannels().stream().sorted().toList() + ")"
          + (hardRule ? "; survivor support: this cannot be overridden" : "")));
    }
    if (!p.withinSafeWindow(clock.instant())) {
      return Optional.of(new SendRefusal(RefusalCodes.UNSAFE_TO_CONTACT, "Now is outside the contact's safe times ("
          + (p.timeZone() == null ? "UTC" : p.timeZone().getId()) + ")"
          + (hardRule ? "; survivor support: this cannot be overridden" : "")));
    }
    return Optional.empty();
  }

  public static boolean windowBound(Channel channel) {
    return channel == Channel.WHATSAPP || channel == Channel.MESSENGER || channel == Channel.INSTAGRAM;
  }

  /** When the contact last wrote to this account on the channel (about this case, or at all when it is known). */
  public Optional<Instant> lastInbound(String accountId, String caseId, String contactId) {
    String sql = "SELECT MAX(last_inbound_at) AS last_inbound FROM conversation WHERE account_id = :a AND "
        + (contactId == null ? "case_id = :case" : "(case_id = :case OR contact_id = :contact)");
    var statement = jdbc.sql(sql).param("a", accountId).param("case", caseId);
    if (contactId != null) {
      statement = statement.param("contact", contactId);
    }
    return statement.query((rs, n) -> Jdbc.instant(rs, "last_inbound")).list().stream()
        .filter(java.util.Objects::nonNull).findFirst();
  }

  /** Whether a free-form message may go out now; otherwise the refusal naming the contact's last message. */
  public Optional<SendRefusal> checkWindow(Channel channel, Optional<Instant> lastInbound, boolean approvedTemplate) {
    if (!windowBound(channel) || approvedTemplate) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (lastInbound.isPresent() && now.isBefore(lastInbound.get().plus(SERVICE_WINDOW))) {
      return Optional.empty();
    }
    String reason = lastInbound.map(at -> "The 24-hour window closed: the contact last wrote on " + channel + " at "
        + at + ". ").orElse("The contact has never written on " + channel + ", so no window is open. ")
        + (channel == Channel.WHATSAPP ? "Only an approved WhatsApp template may be sent."
            : channel + " allows no message until the contact writes again.");
    return Optional.of(new SendRefusal(RefusalCodes.WINDOW_CLOSED, reason, lastInbound.orElse(null)));
  }

  public boolean windowOpen(Optional<Instant> lastInbound) {
    return lastInbound.isPresent() && clock.instant().isBefore(lastInbound.get().plus(SERVICE_WINDOW));
  }

  /** Accounts of the case's conversations with the contact on the channel, most recent first. */
  public List<String> accountsOfConversations(String caseId, String contactId, Channel channel) {
    return jdbc.sql("""
        SELECT account_id FROM conversation WHERE case_id = :case AND contact_id = :contact AND channel = :ch
        ORDER BY COALESCE(last_message_at, created_at) DESC
        """).param("case", caseId).param("contact", contactId).param("ch", channel.name())
        .query(String.class).list();
  }

  /** The contact's last email in the conversation: what a reply threads under. */
  public Optional<InboundEmail> lastInboundEmail(String conversationId) {
    return jdbc.sql("""
        SELECT provider_message_id, thread_refs FROM message
        WHERE conversation_id = :c AND direction = 'INBOUND' AND channel = 'EMAIL' AND provider_message_id IS NOT NULL
        ORDER BY created_at DESC LIMIT 1
        """).param("c", conversationId)
        .query((rs, n) -> new InboundEmail(rs.getString("provider_message_id"), rs.getString("thread_refs")))
        .optional();
  }

  public record InboundEmail(String providerMessageId, String references) {
  }

  /** The channel of the case's most recent conversation among {@code channels}. */
  public Optional<Channel> latestConversationChannel(String caseId, List<Channel> channels) {
    return jdbc.sql("""
        SELECT channel FROM conversation WHERE case_id = :case AND channel IN (:channels)
        ORDER BY COALESCE(last_message_at, created_at) DESC LIMIT 1
        """).param("case", caseId).param("channels", channels.stream().map(Channel::name).toList())
        .query(String.class).optional().map(Channel::valueOf);
  }
}
