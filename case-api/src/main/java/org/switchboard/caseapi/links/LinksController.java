package org.switchboard.caseapi.links;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.links.LinkRepository.Direction;
import org.switchboard.caseapi.links.LinkRepository.LinkedCase;

@RestController
@RequestMapping("/api/v1/cases/{caseId}/links")
@Tag(name = "Case links", description = "Related, duplicate and parent cases")
public class LinksController {

  private final LinkCasesUseCase link;
  private final UnlinkCasesUseCase unlink;
  private final CaseLinksQuery query;

  public LinksController(LinkCasesUseCase link, UnlinkCasesUseCase unlink, CaseLinksQuery query) {
    this.link = link;
    this.unlink = unlink;
    this.query = query;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Link the case to another case of the same organisation")
  public LinkView create(@PathVariable String caseId, @Valid @RequestBody CreateLinkRequest request) {
    CaseLink created = link.link(caseId, request.targetCaseId(), request.type());
    return new LinkView(created.id(), created.type(), Direction.OUTGOING, created.sourceCaseId(),
        created.targetCaseId(), null, null, created.createdAt(), created.createdBy());
  }

  @GetMapping
  @Operation(summary = "List the case's links in both directions")
  public LinkList list(@PathVariable String caseId) {
    return new LinkList(query.links(caseId).stream().map(l -> LinkView.of(caseId, l)).toList());
  }

  @DeleteMapping("/{linkId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a link of the case")
  public void delete(@PathVariable String caseId, @PathVariable String linkId) {
    unlink.unlink(caseId, linkId);
  }

  public record CreateLinkRequest(@NotBlank String targetCaseId, @NotNull LinkType type) {
  }

  public record LinkList(List<LinkView> items) {
  }

  /** A link seen from {@code caseId}: OUTGOING reads "caseId TYPE otherCaseId", INCOMING the reverse. */
  public record LinkView(String id, LinkType type, Direction direction, String caseId, String otherCaseId,
      String otherCaseTitle, CaseStatus otherCaseStatus, Instant createdAt, String createdBy) {

    static LinkView of(String caseId, LinkedCase l) {
      return new LinkView(l.link().id(), l.link().type(), l.direction(), caseId, l.otherCaseId(),
          l.otherCaseTitle(), l.otherCaseStatus(), l.link().createdAt(), l.link().createdBy());
    }
  }
}
