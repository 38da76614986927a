package org.switchboard.caseapi.conversations.outbound.templates;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.workers.channels.Channel;

@RestController
@RequestMapping("/api/v1/config/message-templates")
@Tag(name = "Message templates", description = "Per-tenant, per-channel message templates with {{variables}}")
public class MessageTemplatesController {

  private final TemplateUseCases useCases;

  public MessageTemplatesController(TemplateUseCases useCases) {
    this.useCases = useCases;
  }

  @GetMapping
  @Operation(summary = "The tenant's message templates, optionally of one channel")
  public List<TemplateView> list(@RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String channel) {
    return useCases.listTemplates(tenantId, channel).stream().map(TemplateView::of).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a template (WhatsApp: with the provider-approved name and parameter order)")
  public TemplateView create(@Valid @RequestBody TemplateRequest request) {
    return TemplateView.of(useCases.createTemplate(request.tenantId(), request.fields()));
  }

  @GetMapping("/{templateId}")
  @Operation(summary = "A template")
  public TemplateView get(@PathVariable String templateId) {
    return TemplateView.of(useCases.template(templateId));
  }

  @PutMapping("/{templateId}")
  @Operation(summary = "Replace a template; a stale version answers 409")
  public TemplateView update(@PathVariable String templateId, @Valid @RequestBody TemplateRequest request) {
    return TemplateView.of(useCases.updateTemplate(templateId, request.fields(), request.version()));
  }

  @DeleteMapping("/{templateId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a template")
  public void delete(@PathVariable String templateId) {
    useCases.deleteTemplate(templateId);
  }

  @PostMapping("/{templateId}/render")
  @Operation(summary = "Render a template with variables; lists the variables still missing")
  public RenderedView render(@PathVariable String templateId, @Valid @RequestBody RenderRequest request) {
    return RenderedView.of(useCases.renderTemplate(templateId, request.variables()));
  }

  /**
   * @param tenantId organisation; may be left out by callers who belong to exactly one (ignored on update)
   * @param body text with {{variables}}
   * @param providerTemplateName WhatsApp only: the template name Meta approved
   * @param parameterOrder WhatsApp only: variables in the order of the approved template's {{1}}, {{2}}, ...
   *     (default: order of appearance in the body)
   */
  public record TemplateRequest(
      @Size(max = 64) String tenantId,
      @NotBlank @Size(max = 20) String channel,
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Size(max = 20) String language,
      @NotBlank @Size(max = 4096) String body,
      @Size(max = 200) String providerTemplateName,
      @Size(max = 20) List<@NotNull @Size(max = 64) String> parameterOrder,
      Long version) {

    TemplateUseCases.TemplateFields fields() {
      return new TemplateUseCases.TemplateFields(channel, name, language, body, providerTemplateName, parameterOrder);
    }
  }

  public record RenderRequest(@Size(max = 50) Map<@Size(max = 64) String, @Size(max = 1000) String> variables) {
  }

  public record RenderedView(String text, List<String> variables, List<String> missing, boolean complete) {

    static RenderedView of(TemplateText.Rendered r) {
      return new RenderedView(r.text(), TemplateText.variables(r.text()), r.missing(), r.complete());
    }
  }

  public record TemplateView(String id, String tenantId, Channel channel, String name, String language, String body,
      List<String> variables, String providerTemplateName, List<String> parameterOrder, boolean approved,
      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    static TemplateView of(MessageTemplate t) {
      return new TemplateView(t.id(), t.tenantId(), t.channel(), t.name(), t.language(), t.body(),
          TemplateText.variables(t.body()), t.providerTemplateName(), t.parameterOrder(), t.approved(),
          t.createdAt(), t.createdBy(), t.updatedAt(), t.updatedBy(), t.version());
    }
  }
}
