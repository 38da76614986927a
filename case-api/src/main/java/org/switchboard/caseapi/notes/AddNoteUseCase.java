package org.switchboard.caseapi.notes;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.crypto.CardVault;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;

@Component
public class AddNoteUseCase {

  public static final String CHANGE_NOTE_ADDED = "NOTE_ADDED";

  private final CaseAccess caseAccess;
  private final NoteRepository notes;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;
  private final CardVault cardVault;

  public AddNoteUseCase(CaseAccess caseAccess, NoteRepository notes, CaseChangeLog changeLog, Outbox outbox,
      Clock clock, CardVault cardVault) {
    this.caseAccess = caseAccess;
    this.notes = notes;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
    this.cardVault = cardVault;
  }

  /** Adds a note; the change log and the event name the note by id only, never its text. */
  @Transactional
  public Note add(String caseId, String body) {
    CaseRecord c = caseAccess.requireForChange(caseId);
    String user = CurrentUser.get().userId();
    Instant now = clock.instant();
    String stored = cardVault.tokenize(c.tenantId(), c.id(), body);
    Note note = new Note(UUID.randomUUID().toString(), c.id(), c.tenantId(), stored, user, now, null);
    notes.insert(note);
    changeLog.record(c, CHANGE_NOTE_ADDED, now, user, List.of(), "Note " + note.id());
    outbox.append(DomainEvent.ofCase(EventTypes.NOTE_ADDED, c.tenantId(), c.id(), now, Map.of("noteId", note.id())));
    return note;
  }
}
