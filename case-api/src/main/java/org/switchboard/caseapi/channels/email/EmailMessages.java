package org.switchboard.caseapi.channels.email;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.switchboard.workers.channels.email.MessageIds;

/** Header reads that never throw, for messages too broken for {@link MimeParser}. */
final class EmailMessages {

  private EmailMessages() {
  }

  static String headerId(MimeMessage message, String header) {
    try {
      return MessageIds.normalise(message.getHeader(header, null));
    } catch (Exception e) {
      return null;
    }
  }

  static String fromAddress(MimeMessage message) {
    try {
      String from = message.getHeader("From", null);
      return from == null ? null : new InternetAddress(from, false).getAddress();
    } catch (Exception e) {
      return null;
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      return null;
    }
  }
}
