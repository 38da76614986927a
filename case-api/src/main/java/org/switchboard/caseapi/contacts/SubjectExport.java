package org.switchboard.caseapi.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.caseapi.audit.StoredAuditEvent;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.contacts.SubjectProcessData.ProcessReference;

/**
 * Everything Switchboard holds about one contact (GDPR Art. 15 and 20): machine-readable, and nothing of
 * other data subjects. Staff user ids (authors, assignees) appear as they are the controller's records.
 */
public record SubjectExport(
    String format,
    Instant exportedAt,
    String exportedBy,
    ContactData contact,
    List<HoldData> legalHolds,
    List<CaseData> cases,
    List<StoredAuditEvent> auditEvents) {

  public static final String FORMAT = "switchboard.subject-export.v1";

  public record ContactData(String id, String tenantId, String displayName, String phoneE164, String email,
      Instant createdAt, String createdBy, Instant erasedAt) {
  }

  public record HoldData(String id, String reason, String placedBy, Instant placedAt, String releasedBy,
      Instant releasedAt) {
  }

  public record CaseData(
      String id,
      String caseType,
      String sector,
      String title,
      String description,
      String status,
      String priority,
      String riskLevel,
      Integer riskScore,
      String team,
      String assignee,
      String channel,
      JsonNode customFields,
      String closureReason,
      String outcome,
      Integer feedbackScore,
      String mergedIntoCaseId,
      Instant createdAt,
      String createdBy,
      Instant updatedAt,
      Instant closedAt,
      Instant deletedAt,
      List<NoteData> notes,
      List<DocumentData> documents,
      List<CaseChangeLog.Entry> history,
      List<ProcessReference> processes) {
  }

  public record NoteData(String id, String body, String author, Instant createdAt, String movedFromCaseId) {
  }

  public record DocumentData(String id, String fileName, Instant createdAt, String createdBy,
      List<DocumentVersionData> versions) {
  }

  public record DocumentVersionData(int version, String fileName, String contentType, long sizeBytes, String sha256,
      Instant createdAt, String createdBy, String downloadPath) {
  }

  /** Counts per kind, for the audit record of the export. */
  Map<String, Object> counts() {
    return Map.of(
        "cases", cases.size(),
        "notes", cases.stream().mapToInt(c -> c.notes().size()).sum(),
        "documents", cases.stream().mapToInt(c -> c.documents().size()).sum(),
        "historyEntries", cases.stream().mapToInt(c -> c.history().size()).sum(),
        "processInstances", cases.stream().mapToInt(c -> c.processes().size()).sum(),
        "auditEvents", auditEvents.size());
  }
}
