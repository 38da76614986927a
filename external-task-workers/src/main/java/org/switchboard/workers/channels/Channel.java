package org.switchboard.workers.channels;

import org.switchboard.workers.Topics;

/** A conversation channel and the topic its sends go to. */
public enum Channel {
  /** SMS and MMS through Twilio. */
  SMS(Topics.SEND_SMS),
  /** WhatsApp through the Meta Cloud API or Twilio's WhatsApp sender (chosen by the tenant's channel account). */
  WHATSAPP(Topics.SEND_WHATSAPP),
  EMAIL(Topics.SEND_EMAIL),
  WEBCHAT(Topics.SEND_WEB_CHAT),
  MESSENGER(Topics.SEND_MESSENGER),
  INSTAGRAM(Topics.SEND_MESSENGER);

  private final String sendTopic;

  Channel(String sendTopic) {
    this.sendTopic = sendTopic;
  }

  public String sendTopic() {
    return sendTopic;
  }
}
