package org.switchboard.caseapi.channels.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.email.*} (docs/channels-email.md).
 *
 * @param pollEnabled whether this node polls the IMAP mailboxes of EMAIL accounts on a schedule
 * @param pollInterval pause between two polling rounds
 * @param batchSize messages read per mailbox per round (the rest follow in the next rounds)
 * @param claimDuration how long a node holds a mailbox while it polls; another node takes over only after it
 * @param rawPayloadMaxSize MIME sources up to this size are kept as the raw payload; larger ones keep their
 *     headers only (attachments are stored as documents anyway)
 */
@ConfigurationProperties("switchboard.email")
public record EmailProperties(
    @DefaultValue("true") boolean pollEnabled,
    @DefaultValue("1m") Duration pollInterval,
    @DefaultValue("50") int batchSize,
    @DefaultValue("5m") Duration claimDuration,
    @DefaultValue("1MB") DataSize rawPayloadMaxSize) {
}
