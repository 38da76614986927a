package org.switchboard.caseapi.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditEventSearch;
import org.switchboard.caseapi.audit.StoredAuditEvent;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.contacts.SubjectExport.CaseData;
import org.switchboard.caseapi.contacts.SubjectExport.ContactData;
import org.switchboard.caseapi.contacts.SubjectExport.DocumentData;
import org.switchboard.caseapi.contacts.SubjectExport.DocumentVersionData;
import org.switchboard.caseapi.contacts.SubjectExport.HoldData;
import org.switchboard.caseapi.contacts.SubjectExport.NoteData;
import org.switchboard.caseapi.crypto.Subject;
import org.switchboard.caseapi.documents.Document;
import org.switchboard.caseapi.documents.DocumentRepository;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.notes.Note;
import org.switchboard.caseapi.notes.NoteRepository;

@Component
public class ExportContactUseCase {

  private static final int PAGE = 500;

  private final ContactAccess contactAccess;
  private final ContactCases contactCases;
  private final LegalHoldRepository holds;
  private final NoteRepository notes;
  private final DocumentRepository documents;
  private final CaseChangeLog changeLog;
  private final SubjectProcessData processes;
  private final AuditEventSearch auditSearch;
  private final AuditRecorder audit;
  private final ObjectMapper mapper;
  private final Clock clock;

  public ExportContactUseCase(ContactAccess contactAccess, ContactCases contactCases, LegalHoldRepository holds,
      NoteRepository notes, DocumentRepository documents, CaseChangeLog changeLog, SubjectProcessData processes,
      AuditEventSearch auditSearch, AuditRecorder audit, ObjectMapper mapper, Clock clock) {
    this.contactAccess = contactAccess;
    this.contactCases = contactCases;
    this.holds = holds;
    this.notes = notes;
    this.documents = documents;
    this.changeLog = changeLog;
    this.processes = processes;
    this.auditSearch = auditSearch;
    this.audit = audit;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** One transaction: the export is one consistent snapshot, and its audit event commits with it. */
  @Transactional
  public SubjectExport export(String contactId) {
    Contact contact = contactAccess.require(contactId);
    List<CaseData> cases = new ArrayList<>();
    List<StoredAuditEvent> events = new ArrayList<>(auditSearch.about(contact.tenantId(), "contact", contact.id()));
    for (CaseRecord c : contactCases.of(contact)) {
      cases.add(caseData(c));
      events.addAll(caseEvents(contact.tenantId(), c.id()));
    }
    events.sort(Comparator.comparingLong(StoredAuditEvent::seq));
    List<HoldData> legalHolds = holds.all(Subject.CONTACT, contact.id()).stream()
        .map(h -> new HoldData(h.id(), h.reason(), h.placedBy(), h.placedAt(), h.releasedBy(), h.releasedAt()))
        .toList();
    SubjectExport export = new SubjectExport(SubjectExport.FORMAT, clock.instant(), CurrentUser.get().userId(),
        new ContactData(contact.id(), contact.tenantId(), contact.displayName(), contact.phoneE164(), contact.email(),
            contact.createdAt(), contact.createdBy(), contact.erasedAt()),
        legalHolds, cases, events.stream().distinct().toList());
    Map<String, Object> details = new LinkedHashMap<>(export.counts());
    audit.success(AuditActions.SUBJECT_EXPORTED, contact.tenantId(), "contact", contact.id(), details);
    return export;
  }

  private CaseData caseData(CaseRecord c) {
    return new CaseData(c.id(), c.caseType(), c.sector(), c.title(), c.description(), name(c.status()),
        name(c.priority()), name(c.riskLevel()), c.riskScore(), c.team(), c.assignee(), name(c.channel()),
        json(c.customFields()), c.closureReason(), c.outcome(), c.feedbackScore(), c.mergedIntoCaseId(),
        c.createdAt(), c.createdBy(), c.updatedAt(), c.closedAt(), c.deletedAt(),
        notesOf(c.id()), documents.listByCase(c.id()).stream().map(d -> document(c.id(), d)).toList(),
        changeLog.list(c.id()), processes.references(c.id()));
  }

  private List<NoteData> notesOf(String caseId) {
    List<NoteData> out = new ArrayList<>();
    for (int page = 0; ; page++) {
      Page<Note> p = notes.page(caseId, page, PAGE);
      p.items().forEach(n -> out.add(new NoteData(n.id(), n.body(), n.author(), n.createdAt(), n.movedFromCaseId())));
      if ((long) (page + 1) * PAGE >= p.total()) {
        return out;
      }
    }
  }

  private static DocumentData document(String caseId, Document d) {
    return new DocumentData(d.id(), d.fileName(), d.createdAt(), d.createdBy(), d.versions().stream()
        .map(v -> new DocumentVersionData(v.version(), v.fileName(), v.contentType(), v.sizeBytes(), v.sha256(),
            v.createdAt(), v.createdBy(),
            "/api/v1/cases/" + caseId + "/documents/" + d.id() + "/content?version=" + v.version()))
        .toList());
  }

  private List<StoredAuditEvent> caseEvents(String tenantId, String caseId) {
    AuditEventSearch.Filter filter = new AuditEventSearch.Filter(Set.of(tenantId), caseId, null, null, null, null);
    List<StoredAuditEvent> out = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      List<StoredAuditEvent> page = auditSearch.find(filter, offset, PAGE, false);
      out.addAll(page);
      if (page.size() < PAGE) {
        return out;
      }
    }
  }

  private JsonNode json(String customFields) {
    try {
      return mapper.readTree(customFields == null ? "{}" : customFields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored custom fields are not JSON", e);
    }
  }

  private static String name(Object value) {
    return value == null ? null : value.toString();
  }
}
