package org.switchboard.caseapi.channels.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * HTML mail as readable text: paragraphs, line breaks and list items kept, links shown with their target, scripts,
 * styles and markup gone. Not a renderer: enough for an agent to read an HTML-only email in the timeline.
 */
final class HtmlText {

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern INVISIBLE = Pattern.compile(
      "<!--.*?-->|<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>", FLAGS);
  private static final Pattern LINK = Pattern.compile("<a\\b[^>]*?href\\s*=\\s*(\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>",
      FLAGS);
  private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>", FLAGS);
  private static final Pattern LIST_ITEM = Pattern.compile("<li\\b[^>]*>", FLAGS);
  private static final Pattern BLOCK = Pattern.compile(
      "</?(p|div|h[1-6]|tr|table|ul|ol|blockquote|pre|section|article|header|footer|hr)\\b[^>]*>", FLAGS);
  private static final Pattern CELL = Pattern.compile("</t[dh]\\s*>", FLAGS);
  private static final Pattern TAG = Pattern.compile("<[^>]*>", FLAGS);
  private static final Pattern TAG_IN_TEXT = Pattern.compile("<[^>]*>");

  private HtmlText() {
  }

  static String toText(String html) {
    if (html == null) {
      return null;
    }
    String text = INVISIBLE.matcher(html).replaceAll(" ");
    text = links(text);
    text = LINE_BREAK.matcher(text).replaceAll("\n");
    text = LIST_ITEM.matcher(text).replaceAll("\n- ");
    text = CELL.matcher(text).replaceAll("\t");
    text = BLOCK.matcher(text).replaceAll("\n\n");
    text = TAG.matcher(text).replaceAll("");
    text = HtmlUtils.htmlUnescape(text).replace('\u00A0', ' ');
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\\r?\\n", -1)) {
      out.append(line.replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip()).append('\n');
    }
    return out.toString().replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static String links(String html) {
    Matcher m = LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String href = m.group(2) != null ? m.group(2) : m.group(3);
      String label = TAG_IN_TEXT.matcher(m.group(4)).replaceAll("").strip();
      String unescapedHref = HtmlUtils.htmlUnescape(href).strip();
      String replacement;
      if (label.isEmpty()) {
        replacement = unescapedHref;
      } else if (unescapedHref.isEmpty() || unescapedHref.startsWith("#")
          || HtmlUtils.htmlUnescape(label).equals(unescapedHref)
          || unescapedHref.equalsIgnoreCase("mailto:" + HtmlUtils.htmlUnescape(label))) {
        replacement = m.group(4);
      } else {
        replacement = m.group(4) + " (" + HtmlUtils.htmlEscape(unescapedHref) + ")";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
