package org.switchboard.caseapi.merging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseProcess.CaseEvent;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.documents.DocumentRepository;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.links.CaseLink;
import org.switchboard.caseapi.links.CasePairLock;
import org.switchboard.caseapi.links.LinkCasesUseCase;
import org.switchboard.caseapi.links.LinkRepository;
import org.switchboard.caseapi.links.LinkType;
import org.switchboard.caseapi.notes.NoteRepository;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/**
 * Merges a duplicate case into a surviving one, in one transaction: the duplicate's interactions, notes
 * and documents move to the survivor (each remembering where it came from), the duplicate is linked as
 * DUPLICATE, marked merged and closed, and both cases get an audit entry with what moved.
 */
@Component
public class MergeCasesUseCase {

  public static final String CHANGE_MERGED_INTO = "MERGED_INTO";
  public static final String CHANGE_MERGED_FROM = "MERGED_FROM";
  public static final String CLOSURE_REASON_MERGED = "MERGED";

  private final CaseAccess caseAccess;
  private final CasePairLock pairLock;
  private final CaseRepository cases;
  private final CaseProcess process;
  private final InteractionMover interactions;
  private final NoteRepository notes;
  private final DocumentRepository documents;
  private final LinkRepository links;
  private final LinkCasesUseCase linker;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public MergeCasesUseCase(CaseAccess caseAccess, CasePairLock pairLock, CaseRepository cases, CaseProcess process,
      InteractionMover interactions, NoteRepository notes, DocumentRepository documents, LinkRepository links,
      LinkCasesUseCase linker, CaseChangeLog changeLog, Outbox outbox, Clock clock) {
    this.caseAccess = caseAccess;
    this.pairLock = pairLock;
    this.cases = cases;
    this.process = process;
    this.interactions = interactions;
    this.notes = notes;
    this.documents = documents;
    this.links = links;
    this.linker = linker;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public MergeResult merge(String survivorCaseId, String duplicateCaseId) {
    CaseRecord visibleSurvivor = caseAccess.require(survivorCaseId);
    if (visibleSurvivor.id().equals(duplicateCaseId)) {
      throw ApiException.invalid("duplicateCaseId", "must be another case than the one it is merged into");
    }
    CaseRecord visibleDuplicate = caseAccess.require(duplicateCaseId);
    if (!visibleDuplicate.tenantId().equals(visibleSurvivor.tenantId())) {
      throw ApiException.notFound("Case", duplicateCaseId);
    }
    Map<String, CaseRecord> locked = pairLock.lock(visibleSurvivor.id(), visibleDuplicate.id());
    CaseRecord survivor = locked.get(visibleSurvivor.id());
    CaseRecord duplicate = locked.get(visibleDuplicate.id());
    if (duplicate.mergedIntoCaseId() != null) {
      throw ApiException.conflict("Case " + duplicate.id() + " was already merged into case "
          + duplicate.mergedIntoCaseId());
    }
    if (survivor.mergedIntoCaseId() != null) {
      throw ApiException.conflict("Case " + survivor.id() + " was itself merged into case "
          + survivor.mergedIntoCaseId() + "; merge into that case instead");
    }

    Instant now = clock.instant();
    String user = CurrentUser.get().userId();
    int interactionsMoved = interactions.moveAll(duplicate.id(), survivor.id());
    int notesMoved = notes.moveAll(duplicate.id(), survivor.id());
    int documentsMoved = documents.moveAll(duplicate.id(), survivor.id());
    CaseLink link = links.findBetween(duplicate.id(), survivor.id(), LinkType.DUPLICATE)
        .orElseGet(() -> linker.linkLocked(duplicate, survivor, LinkType.DUPLICATE, now, user));

    // The process closes the duplicate the modeled way when it waits for that; its delegate may update the
    // record, so the record is read again afterwards rather than overwritten with the copy locked above.
    boolean signalled = process.signal(duplicate, CaseEvent.CLOSE_REQUESTED,
        Map.of(Variables.CLOSURE_REASON, CLOSURE_REASON_MERGED));
    CaseRecord current = cases.findByIdForUpdate(duplicate.id())
        .orElseThrow(() -> ApiException.notFound("Case", duplicateCaseId));
    List<FieldChange> fields = new ArrayList<>();
    fields.add(new FieldChange("mergedIntoCaseId", null, survivor.id()));
    CaseRecord.Builder change = current.toBuilder().mergedIntoCaseId(survivor.id());
    boolean closedHere = current.open();
    if (closedHere) {
      fields.add(new FieldChange("status", current.status().name(), CaseStatus.CLOSED.name()));
      fields.add(new FieldChange("closureReason", current.closureReason(), CLOSURE_REASON_MERGED));
      change.status(CaseStatus.CLOSED).closedAt(now).closureReason(CLOSURE_REASON_MERGED);
    }
    CaseRecord merged = cases.update(change.build(now, user))
        .orElseThrow(() -> ApiException.conflict("Case " + duplicate.id() + " changed concurrently; try again"));

    String moved = "moved " + count(interactionsMoved, "interaction") + ", " + count(notesMoved, "note") + ", "
        + count(documentsMoved, "document");
    changeLog.record(merged, CHANGE_MERGED_INTO, now, user, fields, "Merged into case " + survivor.id() + "; " + moved);
    changeLog.record(survivor, CHANGE_MERGED_FROM, now, user, List.of(),
        "Merged case " + duplicate.id() + " into this case; " + moved);
    if (closedHere) {
      outbox.append(DomainEvent.ofCase(EventTypes.CASE_CLOSED, merged.tenantId(), merged.id(), now,
          Map.of("caseId", merged.id(), "closureReason", CLOSURE_REASON_MERGED)));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("survivorCaseId", survivor.id());
    payload.put("duplicateCaseId", duplicate.id());
    payload.put("interactionsMoved", interactionsMoved);
    payload.put("notesMoved", notesMoved);
    payload.put("documentsMoved", documentsMoved);
    payload.put("linkId", link.id());
    outbox.append(DomainEvent.ofCase(EventTypes.CASES_MERGED, survivor.tenantId(), survivor.id(), now, payload));
    return new MergeResult(survivor.id(), duplicate.id(), interactionsMoved, notesMoved, documentsMoved, link.id(),
        signalled);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
