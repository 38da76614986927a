package org.switchboard.caseapi.notes;

import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository.Page;

@Component
public class CaseNotesQuery {

  private final CaseAccess caseAccess;
  private final NoteRepository notes;
  private final AuditRecorder audit;

  public CaseNotesQuery(CaseAccess caseAccess, NoteRepository notes, AuditRecorder audit) {
    this.audit = audit;
    this.caseAccess = caseAccess;
    this.notes = notes;
  }

  public Page<Note> notes(String caseId, int page, int size) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "notes");
    return notes.page(c.id(), page, size);
  }
}
