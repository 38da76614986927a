package org.switchboard.caseapi.webchat;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.webchat.*} (docs/channels-webchat.md). Per-account settings (title, allowed origins, exit
 * URL, pre-chat fields) live in the WEBCHAT channel account's settings, not here.
 *
 * @param exitUrl where quick exit goes when the account names no {@code exitUrl}
 * @param publicOrigins origins the app itself is reached under (scheme://host[:port]) when a proxy hides them;
 *     the socket and session endpoints accept these and the request's own origin
 * @param idleTimeout a session without traffic for this long ends (its token stops working, its copy of the
 *     conversation is deleted)
 * @param maxAge a session ends this long after it started, whatever its traffic
 * @param authTimeout a socket that has not sent its token within this time is closed
 * @param maxFrameSize largest text frame the socket accepts (larger ones close the socket with 1009)
 * @param maxMessageLength longest message text in characters
 * @param messagesPerMinute visitor messages per session and minute (burst {@code burst}); typing and receipt
 *     frames have a budget of four times as much
 * @param sessionsPerMinute sessions one source address may start per minute
 * @param pushInterval how often a node pushes agent messages stored by another node to its own open sockets,
 *     and ends idle sessions
 */
@ConfigurationProperties("switchboard.webchat")
public record WebChatProperties(
    @DefaultValue("https://www.google.com/") String exitUrl,
    @DefaultValue List<String> publicOrigins,
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("12h") Duration maxAge,
    @DefaultValue("10s") Duration authTimeout,
    @DefaultValue("16KB") DataSize maxFrameSize,
    @DefaultValue("4000") int maxMessageLength,
    @DefaultValue("30") int messagesPerMinute,
    @DefaultValue("10") int burst,
    @DefaultValue("10") int sessionsPerMinute,
    @DefaultValue("2s") Duration pushInterval,
    @DefaultValue("true") boolean pushEnabled) {
}
