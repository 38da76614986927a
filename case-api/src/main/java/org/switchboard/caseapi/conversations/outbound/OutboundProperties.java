package org.switchboard.caseapi.conversations.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.outbound.*} (docs/outbound.md, "Configuration").
 *
 * @param publicUrl the app's public base URL: providers that fetch media themselves (Twilio MMS, WhatsApp link
 *     media) get signed links under it ({@code <publicUrl>/media/<token>})
 * @param mediaLinkTtl how long such a link works
 */
@ConfigurationProperties("switchboard.outbound")
public record OutboundProperties(
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue("15m") Duration mediaLinkTtl) {
}
