package org.switchboard.caseapi.conversations.outbound.templates;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.conversations.outbound.OutboundAuditActions;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.channels.Channel;

/** Message templates and canned responses: per-tenant configuration, changes audited. */
@Component
public class TemplateUseCases {

  private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile("[a-z]{2,3}([_-][A-Za-z]{2,4})?");

  private final MessageTemplateRepository templates;
  private final CannedResponseRepository canned;
  private final TenantDirectory tenants;
  private final AuditRecorder audit;
  private final Clock clock;

  public TemplateUseCases(MessageTemplateRepository templates, CannedResponseRepository canned,
      TenantDirectory tenants, AuditRecorder audit, Clock clock) {
    this.templates = templates;
    this.canned = canned;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
  }

  // ------------------------------------------------------------------------------------------------ templates

  public List<MessageTemplate> listTemplates(String requestedTenant, String channel) {
    String tenantId = tenant(requestedTenant);
    List<FieldError> errors = new ArrayList<>();
    Channel c = channel(channel, "channel", errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return templates.list(tenantId, c);
  }

  /** The caller's tenant's template, or 404 (a foreign one too). */
  public MessageTemplate template(String id) {
    return templates.find(id).filter(t -> CurrentUser.get().canAccessTenant(t.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Message template", id));
  }

  @Transactional
  public MessageTemplate createTemplate(String requestedTenant, TemplateFields fields) {
    Validated v = validate(fields);
    String tenantId = tenant(requestedTenant);
    if (templates.exists(tenantId, v.channel(), fields.name(), v.language(), null)) {
      throw ApiException.conflict("A " + v.channel() + " template '" + fields.name() + "' in " + v.language()
          + " exists already");
    }
    Instant now = clock.instant();
    String user = CurrentUser.get().userId();
    MessageTemplate t = new MessageTemplate(UUID.randomUUID().toString(), tenantId, v.channel(), fields.name(),
        v.language(), fields.body(), fields.providerTemplateName(), v.parameterOrder(), now, user, now, user, 1);
    templates.insert(t);
    audit.success(OutboundAuditActions.MESSAGE_TEMPLATE_CREATED, tenantId, "message-template", t.id(),
        Map.of("channel", t.channel().name()));
    return t;
  }

  @Transactional
  public MessageTemplate updateTemplate(String id, TemplateFields fields, Long version) {
    Validated v = validate(fields);
    MessageTemplate current = template(id);
    if (version != null && version != current.version()) {
      throw ApiException.conflict("Message template " + id + " changed (version " + current.version() + ")");
    }
    if (templates.exists(current.tenantId(), v.channel(), fields.name(), v.language(), id)) {
      throw ApiException.conflict("A " + v.channel() + " template '" + fields.name() + "' in " + v.language()
          + " exists already");
    }
    MessageTemplate next = new MessageTemplate(id, current.tenantId(), v.channel(), fields.name(), v.language(),
        fields.body(), fields.providerTemplateName(), v.parameterOrder(), current.createdAt(), current.createdBy(),
        clock.instant(), CurrentUser.get().userId(), current.version() + 1);
    if (!templates.update(next)) {
      throw ApiException.conflict("Message template " + id + " changed concurrently; reload and try again");
    }
    audit.success(OutboundAuditActions.MESSAGE_TEMPLATE_UPDATED, current.tenantId(), "message-template", id,
        Map.of("channel", next.channel().name()));
    return next;
  }

  @Transactional
  public void deleteTemplate(String id) {
    MessageTemplate current = template(id);
    templates.delete(id);
    audit.success(OutboundAuditActions.MESSAGE_TEMPLATE_DELETED, current.tenantId(), "message-template", id,
        Map.of());
  }

  public TemplateText.Rendered renderTemplate(String id, Map<String, String> variables) {
    return TemplateText.render(template(id).body(), variables);
  }

  // ------------------------------------------------------------------------------------------------ canned

  public List<CannedResponse> listCanned(String requestedTenant, String tag, String query) {
    String tenantId = tenant(requestedTenant);
    String q = query == null ? null : query.toLowerCase(Locale.ROOT);
    return canned.list(tenantId).stream()
        .filter(c -> tag == null || c.tags().contains(tag))
        .filter(c -> q == null || c.title().toLowerCase(Locale.ROOT).contains(q)
            || c.body().toLowerCase(Locale.ROOT).contains(q))
        .toList();
  }

  public CannedResponse canned(String id) {
    return canned.find(id).filter(c -> CurrentUser.get().canAccessTenant(c.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Canned response", id));
  }

  @Transactional
  public CannedResponse createCanned(String requestedTenant, String title, String body, List<String> tags) {
    validateBody(body, "body");
    String tenantId = tenant(requestedTenant);
    Instant now = clock.instant();
    String user = CurrentUser.get().userId();
    CannedResponse c = new CannedResponse(UUID.randomUUID().toString(), tenantId, title, body, tags, now, user, now,
        user, 1);
    canned.insert(c);
    audit.success(OutboundAuditActions.CANNED_RESPONSE_CREATED, tenantId, "canned-response", c.id(), Map.of());
    return c;
  }

  @Transactional
  public CannedResponse updateCanned(String id, String title, String body, List<String> tags, Long version) {
    validateBody(body, "body");
    CannedResponse current = canned(id);
    if (version != null && version != current.version()) {
      throw ApiException.conflict("Canned response " + id + " changed (version " + current.version() + ")");
    }
    CannedResponse next = new CannedResponse(id, current.tenantId(), title, body, tags, current.createdAt(),
        current.createdBy(), clock.instant(), CurrentUser.get().userId(), current.version() + 1);
    if (!canned.update(next)) {
      throw ApiException.conflict("Canned response " + id + " changed concurrently; reload and try again");
    }
    audit.success(OutboundAuditActions.CANNED_RESPONSE_UPDATED, current.tenantId(), "canned-response", id, Map.of());
    return next;
  }

  @Transactional
  public void deleteCanned(String id) {
    CannedResponse current = canned(id);
    canned.delete(id);
    audit.success(OutboundAuditActions.CANNED_RESPONSE_DELETED, current.tenantId(), "canned-response", id, Map.of());
  }

  public TemplateText.Rendered renderCanned(String id, Map<String, String> variables) {
    return TemplateText.render(canned(id).body(), variables);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  public record TemplateFields(String channel, String name, String language, String body,
      String providerTemplateName, List<String> parameterOrder) {
  }

  private record Validated(Channel channel, String language, List<String> parameterOrder) {
  }

  private static Validated validate(TemplateFields f) {
    List<FieldError> errors = new ArrayList<>();
    Channel channel = channel(f.channel(), "channel", errors);
    if (channel == null && f.channel() == null) {
      errors.add(new FieldError("channel", "is required"));
    }
    if (f.language() == null || !LANGUAGE.matcher(f.language()).matches()) {
      errors.add(new FieldError("language", "must be a language tag such as en, de or pt_BR"));
    }
    List<String> variables = f.body() == null ? List.of() : TemplateText.variables(f.body());
    if (f.body() != null && f.body().contains("{{") && variables.isEmpty()) {
      errors.add(new FieldError("body", "has a '{{' that is not a {{variable}}"));
    }
    List<String> order = f.parameterOrder() == null ? List.of() : f.parameterOrder();
    if (f.providerTemplateName() != null && channel != null && channel != Channel.WHATSAPP) {
      errors.add(new FieldError("providerTemplateName", "is for WhatsApp templates only"));
    }
    if (!order.isEmpty() && f.providerTemplateName() == null) {
      errors.add(new FieldError("parameterOrder", "needs providerTemplateName"));
    }
    for (int i = 0; i < order.size(); i++) {
      if (!variables.contains(order.get(i))) {
        errors.add(new FieldError("parameterOrder[" + i + "]", "is not a {{variable}} of the body"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    List<String> parameterOrder = f.providerTemplateName() != null && order.isEmpty() ? variables : order;
    return new Validated(channel, f.language(), parameterOrder);
  }

  private static void validateBody(String body, String field) {
    if (body != null && body.contains("{{") && TemplateText.variables(body).isEmpty()) {
      throw ApiException.invalid(field, "has a '{{' that is not a {{variable}}");
    }
  }

  static Channel channel(String name, String field, List<FieldError> errors) {
    if (name == null) {
      return null;
    }
    try {
      return Channel.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "must be one of SMS, WHATSAPP, EMAIL, WEBCHAT, MESSENGER, INSTAGRAM"));
      return null;
    }
  }

  private String tenant(String requested) {
    CurrentUser user = CurrentUser.get();
    if (requested == null || requested.isBlank()) {
      if (user.tenantIds().size() == 1) {
        return user.tenantIds().iterator().next();
      }
      throw ApiException.invalid("tenantId", "is required: you belong to "
          + (user.tenantIds().isEmpty() ? "no organisation" : "several organisations"));
    }
    if (!user.canAccessTenant(requested) || tenants.find(requested).isEmpty()) {
      throw ApiException.invalid("tenantId", "is not an organisation you can access");
    }
    return requested;
  }
}
