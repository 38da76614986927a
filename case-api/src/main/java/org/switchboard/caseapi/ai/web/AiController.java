package org.switchboard.caseapi.ai.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.caseapi.ai.AiContext;
import org.switchboard.caseapi.ai.AiGateway;
import org.switchboard.caseapi.ai.AiOutcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.notes.Note;
import org.switchboard.caseapi.notes.NoteRepository;
import org.switchboard.caseapi.web.ApiException;

@RestController
@RequestMapping("/api/v1/ai")
@Tag(name = "AI", description = "AI services through the gateway; every answer is marked aiGenerated and audited")
public class AiController {

  private static final String LANGUAGE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?";
  private static final int MAX_CASE_NOTES = 200;

  private final AiGateway gateway;
  private final AiTenants tenants;
  private final AiProblems problems;
  private final CaseAccess caseAccess;
  private final NoteRepository notes;
  private final AuditRecorder audit;

  public AiController(AiGateway gateway, AiTenants tenants, AiProblems problems, CaseAccess caseAccess,
      NoteRepository notes, AuditRecorder audit) {
    this.gateway = gateway;
    this.tenants = tenants;
    this.problems = problems;
    this.caseAccess = caseAccess;
    this.notes = notes;
    this.audit = audit;
  }

  @PostMapping("/analyze-sentiment")
  @Operation(summary = "Sentiment and distress of a text")
  public ResponseEntity<?> sentiment(@Valid @RequestBody SentimentRequest request) {
    Target target = target(request.tenantId(), request.caseId());
    return answer(gateway.sentiment(target.tenantId(), request.text(), request.language(), target.context()));
  }

  @PostMapping("/summarize")
  @Operation(summary = "Summary of a text, or of a case (its description and notes) when caseId is given")
  public ResponseEntity<?> summarize(@Valid @RequestBody SummarizeRequest request) {
    boolean hasText = request.text() != null && !request.text().isBlank();
    boolean hasCase = request.caseId() != null && !request.caseId().isBlank();
    if (hasText == hasCase) {
      throw ApiException.invalid(List.of(new ApiException.FieldError("text", "give either text or caseId"),
          new ApiException.FieldError("caseId", "give either text or caseId")));
    }
    Target target = target(request.tenantId(), request.caseId());
    List<String> utterances = hasText ? List.of(request.text()) : caseText(target.caseRecord());
    int max = request.maxSentences() == null ? 3 : request.maxSentences();
    return answer(gateway.summarize(target.tenantId(), utterances, request.language(), max, target.context()));
  }

  @PostMapping("/translate")
  @Operation(summary = "Translate a text into targetLanguage")
  public ResponseEntity<?> translate(@Valid @RequestBody TranslateRequest request) {
    Target target = target(request.tenantId(), request.caseId());
    return answer(gateway.translate(target.tenantId(), request.text(), request.sourceLanguage(),
        request.targetLanguage().toLowerCase(Locale.ROOT), target.context()));
  }

  @PostMapping(path = "/transcribe", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Transcribe a recording (multipart field `file`, audio/*)")
  public ResponseEntity<?> transcribe(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) @Pattern(regexp = LANGUAGE) String languageHint,
      @RequestParam(required = false) @Size(max = 64) String tenantId,
      @RequestParam(required = false) @Size(max = 64) String caseId) {
    if (file == null || file.isEmpty()) {
      throw ApiException.invalid("file", "is required: an audio recording");
    }
    String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("audio/")) {
      throw ApiException.invalid("file", "must be audio (audio/*), not '" + type + "'");
    }
    Target target = target(tenantId, caseId);
    byte[] audio;
    try {
      audio = file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answer(gateway.transcribe(target.tenantId(), audio, type, languageHint, target.context()));
  }

  private ResponseEntity<?> answer(AiOutcome<?> outcome) {
    return outcome.ok() ? ResponseEntity.ok(AiResponse.of(outcome)) : problems.refusal(outcome);
  }

  /** A case id makes the case's tenant the tenant (and the case the object of the audit record). */
  private Target target(String tenantId, String caseId) {
    String user = CurrentUser.get().userId();
    if (caseId != null && !caseId.isBlank()) {
      CaseRecord c = caseAccess.require(caseId);
      if (tenantId != null && !tenantId.isBlank() && !tenantId.equals(c.tenantId())) {
        throw ApiException.notFound("Case", caseId);
      }
      return new Target(c.tenantId(), AiContext.aboutCase(user, c.id()), c);
    }
    return new Target(tenants.resolve(tenantId), AiContext.of(user), null);
  }

  private List<String> caseText(CaseRecord c) {
    audit.caseViewed(c.tenantId(), c.id(), "ai-summary");
    List<String> text = new ArrayList<>();
    if (c.description() != null && !c.description().isBlank()) {
      text.add(c.description());
    }
    List<Note> newestFirst = new ArrayList<>(notes.page(c.id(), 0, MAX_CASE_NOTES).items());
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(n -> text.add(n.body()));
    if (text.isEmpty()) {
      throw ApiException.invalid("caseId", "the case has no description or notes to summarise");
    }
    return text;
  }

  private record Target(String tenantId, AiContext context, CaseRecord caseRecord) {
  }

  public record SentimentRequest(@NotBlank @Size(max = 20_000) String text,
      @Pattern(regexp = LANGUAGE) String language, @Size(max = 64) String tenantId, @Size(max = 64) String caseId) {
  }

  public record SummarizeRequest(@Size(max = 100_000) String text, @Size(max = 64) String caseId,
      @Pattern(regexp = LANGUAGE) String language, @Min(1) @Max(20) Integer maxSentences,
      @Size(max = 64) String tenantId) {
  }

  public record TranslateRequest(@NotBlank @Size(max = 20_000) String text,
      @Pattern(regexp = LANGUAGE) String sourceLanguage, @NotBlank @Pattern(regexp = LANGUAGE) String targetLanguage,
      @Size(max = 64) String tenantId, @Size(max = 64) String caseId) {
  }
}
