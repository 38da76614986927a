package org.switchboard.caseapi.conversations.outbound.templates;

import java.time.Instant;
import java.util.List;
import org.switchboard.workers.channels.Channel;

/**
 * A tenant's message template for one channel and language.
 *
 * @param providerTemplateName WhatsApp: the template name Meta approved; such a template may be sent outside the
 *     24-hour window (as a template message). Null for plain text templates.
 * @param parameterOrder WhatsApp: which variable fills the approved template's {{1}}, {{2}}, ...
 */
public record MessageTemplate(String id, String tenantId, Channel channel, String name, String language,
    String body, String providerTemplateName, List<String> parameterOrder, Instant createdAt, String createdBy,
    Instant updatedAt, String updatedBy, long version) {

  public MessageTemplate {
    parameterOrder = parameterOrder == null ? List.of() : List.copyOf(parameterOrder);
  }

  public boolean approved() {
    return providerTemplateName != null;
  }
}
