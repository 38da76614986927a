package org.switchboard.caseapi.contacts;

import org.switchboard.workers.channels.Channel;

/**
 * What kind of handle a contact identity is. SMS and WhatsApp share PHONE: the same number on both channels is one
 * person, so it resolves to one contact.
 */
public enum IdentityKind {
  PHONE, EMAIL, WHATSAPP, MESSENGER, INSTAGRAM, WEBCHAT;

  public static IdentityKind of(Channel channel) {
    return switch (channel) {
      case SMS, WHATSAPP -> PHONE;
      case EMAIL -> EMAIL;
      case MESSENGER -> MESSENGER;
      case INSTAGRAM -> INSTAGRAM;
      case WEBCHAT -> WEBCHAT;
    };
  }
}
