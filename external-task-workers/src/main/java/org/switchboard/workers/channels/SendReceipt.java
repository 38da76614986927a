package org.switchboard.workers.channels;

/** What the provider said when it took the message. */
public record SendReceipt(String providerMessageId, DeliveryState state) {
}
