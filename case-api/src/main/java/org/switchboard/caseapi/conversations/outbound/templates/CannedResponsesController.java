package org.switchboard.caseapi.conversations.outbound.templates;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
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

@RestController
@RequestMapping("/api/v1/communications/canned-responses")
@Tag(name = "Canned responses", description = "Per-tenant ready-made answers for agents, with {{variables}}")
public class CannedResponsesController {

  private final TemplateUseCases useCases;

  public CannedResponsesController(TemplateUseCases useCases) {
    this.useCases = useCases;
  }

  @GetMapping
  @Operation(summary = "The tenant's canned responses, optionally by tag or text")
  public List<CannedView> list(@RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String tag, @RequestParam(required = false) String q) {
    return useCases.listCanned(tenantId, tag, q).stream().map(CannedView::of).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a canned response")
  public CannedView create(@Valid @RequestBody CannedRequest request) {
    return CannedView.of(useCases.createCanned(request.tenantId(), request.title(), request.body(), tags(request)));
  }

  @GetMapping("/{cannedResponseId}")
  @Operation(summary = "A canned response")
  public CannedView get(@PathVariable String cannedResponseId) {
    return CannedView.of(useCases.canned(cannedResponseId));
  }

  @PutMapping("/{cannedResponseId}")
  @Operation(summary = "Replace a canned response; a stale version answers 409")
  public CannedView update(@PathVariable String cannedResponseId, @Valid @RequestBody CannedRequest request) {
    return CannedView.of(useCases.updateCanned(cannedResponseId, request.title(), request.body(), tags(request),
        request.version()));
  }

  @DeleteMapping("/{cannedResponseId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a canned response")
  public void delete(@PathVariable String cannedResponseId) {
    useCases.deleteCanned(cannedResponseId);
  }

  @PostMapping("/{cannedResponseId}/render")
  @Operation(summary = "Render a canned response with variables; lists the variables still missing")
  public MessageTemplatesController.RenderedView render(@PathVariable String cannedResponseId,
      @Valid @RequestBody MessageTemplatesController.RenderRequest request) {
    return MessageTemplatesController.RenderedView.of(useCases.renderCanned(cannedResponseId, request.variables()));
  }

  private static List<String> tags(CannedRequest request) {
    return request.tags() == null ? List.of() : request.tags();
  }

  /** @param tenantId organisation; may be left out by callers who belong to exactly one (ignored on update) */
  public record CannedRequest(
      @Size(max = 64) String tenantId,
      @NotBlank @Size(max = 200) String title,
      @NotBlank @Size(max = 4096) String body,
      @Size(max = 20) List<@NotNull @Size(max = 50) String> tags,
      Long version) {
  }

  public record CannedView(String id, String tenantId, String title, String body, List<String> variables,
      List<String> tags, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    static CannedView of(CannedResponse c) {
      return new CannedView(c.id(), c.tenantId(), c.title(), c.body(), TemplateText.variables(c.body()), c.tags(),
          c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy(), c.version());
    }
  }
}
