package org.switchboard.caseapi.notes;

import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository.Page;

@Component
public class CaseNotesQuery {

  private final CaseAccess caseAccess;
  private final NoteRepository notes;

  public CaseNotesQuery(CaseAccess caseAccess, NoteRepository notes) {
    this.caseAccess = caseAccess;
    this.notes = notes;
  }

  public Page<Note> notes(String caseId, int page, int size) {
    CaseRecord c = caseAccess.require(caseId);
    return notes.page(c.id(), page, size);
  }
}
