package org.switchboard.caseapi.channels.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.workers.channels.email.MessageIds;

/** Takes a MIME message apart into a {@link ParsedEmail}. */
final class MimeParser {

  private MimeParser() {
  }

  static ParsedEmail parse(MimeMessage message) throws MessagingException, IOException {
    Parts parts = new Parts();
    walk(message, parts);
    String body = parts.plain != null ? parts.plain : HtmlText.toText(parts.html);
    InternetAddress from = firstAddress(message.getFrom());
    return new ParsedEmail(
        MessageIds.normalise(message.getHeader("Message-ID", null)),
        from == null ? null : from.getAddress(),
        from == null ? null : from.getPersonal(),
        message.getSubject(),
        body == null ? "" : body.replace("\r\n", "\n"),
        MessageIds.normalise(message.getHeader("In-Reply-To", null)),
        MessageIds.parseList(message.getHeader("References", " ")),
        parts.media);
  }

  private static void walk(Part part, Parts parts) throws MessagingException, IOException {
    String type = baseType(part);
    if (type.startsWith("multipart/")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, parts);
      }
      return;
    }
    String disposition = part.getDisposition();
    String fileName = fileName(part);
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
    if (!attachment && type.equals("text/plain") && parts.plain == null) {
      parts.plain = text(part);
      return;
    }
    if (!attachment && type.equals("text/html") && parts.html == null) {
      parts.html = text(part);
      return;
    }
    if (!attachment && type.equals("text/plain")) {
      // A second text part (e.g. a footer appended by a list server) belongs to the body, not the files.
      parts.plain = parts.plain + "\n" + text(part);
      return;
    }
    if (!attachment && type.equals("text/html")) {
      return;
    }
    byte[] content;
    try (InputStream in = part.getInputStream()) {
      content = in.readAllBytes();
    }
    parts.media.add(new InboundMessage.Media(null, type, fileName != null ? fileName : inlineName(part, type,
        parts.media.size() + 1), content));
  }

  private static String text(Part part) throws MessagingException, IOException {
    Object content = part.getContent();
    if (content instanceof String s) {
      return s;
    }
    // An unknown or broken charset: read the bytes as UTF-8 rather than lose the body.
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), charset(part));
    }
  }

  private static Charset charset(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
    } catch (MessagingException | RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String baseType(Part part) throws MessagingException {
    String header = part.getContentType();
    if (header == null) {
      return "text/plain";
    }
    try {
      return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
    } catch (ParseException e) {
      return "application/octet-stream";
    }
  }

  private static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return MimeUtility.decodeText(name);
    } catch (UnsupportedEncodingException e) {
      return name;
    }
  }

  private static String inlineName(Part part, String type, int n) throws MessagingException {
    String subtype = type.contains("/") ? type.substring(type.indexOf('/') + 1) : "bin";
    String extension = switch (subtype) {
      case "jpeg", "pjpeg" -> "jpg";
      case "rfc822" -> "eml";
      case "octet-stream" -> "bin";
      default -> subtype.replaceAll("[^a-z0-9]", "");
    };
    String cid = part instanceof MimePart mime ? mime.getContentID() : null;
    String base = cid != null ? "inline-" + cid.replaceAll("[^A-Za-z0-9._-]", "") : "part-" + n;
    return base + "." + (extension.isEmpty() ? "bin" : extension);
  }

  private static InternetAddress firstAddress(Address[] addresses) {
    if (addresses == null) {
      return null;
    }
    for (Address address : addresses) {
      if (address instanceof InternetAddress internet) {
        return internet;
      }
    }
    return null;
  }

  private static final class Parts {
    String plain;
    String html;
    final List<InboundMessage.Media> media = new ArrayList<>();
  }
}
