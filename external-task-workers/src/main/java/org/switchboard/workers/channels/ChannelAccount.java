package org.switchboard.workers.channels;

import java.util.Map;
import java.util.Optional;

/**
 * A tenant's presence on a channel: a Twilio number, a WhatsApp phone number id, a Facebook page or Instagram
 * account, a mailbox, the web chat. Secrets are never stored: {@code secretRefs} names environment variables.
 *
 * @param id channel account id
 * @param provider {@code twilio}, {@code meta}, {@code smtp}, {@code webchat}, ...
 * @param address the public address on the channel (E.164 number, phone number id, page id, email address)
 * @param caseType case type key for cases started from inbound messages on this account
 * @param settings non-secret settings (e.g. {@code accountSid}, {@code baseUrl}, {@code publicUrl})
 * @param secretRefs secret name to environment variable name (e.g. {@code authToken -> TWILIO_AUTH_TOKEN})
 */
public record ChannelAccount(String id, String tenantId, Channel channel, String provider, String address,
    String caseType, Map<String, String> settings, Map<String, String> secretRefs) {

  public ChannelAccount {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
    secretRefs = secretRefs == null ? Map.of() : Map.copyOf(secretRefs);
  }

  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
  }

  /** The secret's value from the environment; empty when it is not configured (the channel then refuses traffic). */
  public Optional<String> secret(String name, java.util.function.Function<String, String> environment) {
    String variable = secretRefs.get(name);
    return variable == null ? Optional.empty()
        : Optional.ofNullable(environment.apply(variable)).filter(v -> !v.isBlank());
  }
}
