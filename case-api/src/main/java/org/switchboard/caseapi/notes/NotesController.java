package org.switchboard.caseapi.notes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;

@RestController
@RequestMapping("/api/v1/cases/{caseId}/notes")
@Tag(name = "Case notes", description = "Free-text notes on a case")
public class NotesController {

  public static final int MAX_BODY_LENGTH = 20_000;

  private final AddNoteUseCase addNote;
  private final CaseNotesQuery query;
  private final MaskingPolicy masking;

  public NotesController(AddNoteUseCase addNote, CaseNotesQuery query, MaskingPolicy masking) {
    this.addNote = addNote;
    this.query = query;
    this.masking = masking;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add a note to a case")
  public NoteView add(@PathVariable String caseId, @Valid @RequestBody AddNoteRequest request) {
    return NoteView.of(addNote.add(caseId, request.body()));
  }

  @GetMapping
  @Operation(summary = "List a case's notes, newest first")
  public Page<NoteView> list(@PathVariable String caseId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    Page<Note> notes = query.notes(caseId, page, size);
    return new Page<>(notes.items().stream()
        .map(n -> NoteView.of(n, masking.noteBody(n.body(), CurrentUser.get()))).toList(), notes.page(), notes.size(), notes.total());
  }

  public record AddNoteRequest(@NotBlank @Size(max = MAX_BODY_LENGTH) String body) {
  }

  public record NoteView(String id, String caseId, String body, String author, Instant createdAt,
      String movedFromCaseId) {

    static NoteView of(Note n) {
      return of(n, n.body());
    }

    static NoteView of(Note n, String shownBody) {
      return new NoteView(n.id(), n.caseId(), shownBody, n.author(), n.createdAt(), n.movedFromCaseId());
    }
  }
}
