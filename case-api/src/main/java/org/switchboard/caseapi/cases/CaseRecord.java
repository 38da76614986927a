package org.switchboard.caseapi.cases;

import java.time.Instant;

/**
 * A case as stored in {@code case_record}. Immutable: changes go through {@link CaseRepository#update}
 * with the version read, so concurrent writers cannot silently overwrite each other.
 */
public record CaseRecord(
    String id,
    String tenantId,
    String caseType,
    String sector,
    String title,
    String description,
    CaseStatus status,
    Priority priority,
    RiskLevel riskLevel,
    Integer riskScore,
    String team,
    String assignee,
    String channel,
    String contactId,
    String customFields,
    String processInstanceId,
    Instant firstResponseDueAt,
    Instant resolutionDueAt,
    boolean slaBreached,
    boolean escalated,
    String closureReason,
    String outcome,
    Integer feedbackScore,
    String mergedIntoCaseId,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    Instant closedAt,
    Instant deletedAt,
    String deletedBy,
    long version,
    boolean anonymous) {

  /** A case that is not anonymous (the usual one). */
  public CaseRecord(String id, String tenantId, String caseType, String sector, String title, String description,
      CaseStatus status, Priority priority, RiskLevel riskLevel, Integer riskScore, String team, String assignee,
      String channel, String contactId, String customFields, String processInstanceId, Instant firstResponseDueAt,
      Instant resolutionDueAt, boolean slaBreached, boolean escalated, String closureReason, String outcome,
      Integer feedbackScore, String mergedIntoCaseId, Instant createdAt, String createdBy, Instant updatedAt,
      String updatedBy, Instant closedAt, Instant deletedAt, String deletedBy, long version) {
    this(id, tenantId, caseType, sector, title, description, status, priority, riskLevel, riskScore, team, assignee,
        channel, contactId, customFields, processInstanceId, firstResponseDueAt, resolutionDueAt, slaBreached,
        escalated, closureReason, outcome, feedbackScore, mergedIntoCaseId, createdAt, createdBy, updatedAt,
        updatedBy, closedAt, deletedAt, deletedBy, version, false);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  public boolean open() {
    return status != CaseStatus.CLOSED;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copy-with for the few fields a change touches. */
  public static final class Builder {
    private String title;
    private String description;
    private CaseStatus status;
    private Priority priority;
    private RiskLevel riskLevel;
    private Integer riskScore;
    private String team;
    private String assignee;
    private String contactId;
    private String customFields;
    private String processInstanceId;
    private Instant firstResponseDueAt;
    private Instant resolutionDueAt;
    private boolean slaBreached;
    private boolean escalated;
    private String closureReason;
    private String outcome;
    private Integer feedbackScore;
    private String mergedIntoCaseId;
    private Instant closedAt;
    private Instant deletedAt;
    private String deletedBy;
    private final CaseRecord base;

    private Builder(CaseRecord c) {
      base = c;
      title = c.title;
      description = c.description;
      status = c.status;
      priority = c.priority;
      riskLevel = c.riskLevel;
      riskScore = c.riskScore;
      team = c.team;
      assignee = c.assignee;
      contactId = c.contactId;
      customFields = c.customFields;
      processInstanceId = c.processInstanceId;
      firstResponseDueAt = c.firstResponseDueAt;
      resolutionDueAt = c.resolutionDueAt;
      slaBreached = c.slaBreached;
      escalated = c.escalated;
      closureReason = c.closureReason;
      outcome = c.outcome;
      feedbackScore = c.feedbackScore;
      mergedIntoCaseId = c.mergedIntoCaseId;
      closedAt = c.closedAt;
      deletedAt = c.deletedAt;
      deletedBy = c.deletedBy;
    }

    public Builder title(String v) { title = v; return this; }
    public Builder description(String v) { description = v; return this; }
    public Builder status(CaseStatus v) { status = v; return this; }
    public Builder priority(Priority v) { priority = v; return this; }
    public Builder riskLevel(RiskLevel v) { riskLevel = v; return this; }
    public Builder riskScore(Integer v) { riskScore = v; return this; }
    public Builder team(String v) { team = v; return this; }
    public Builder assignee(String v) { assignee = v; return this; }
    public Builder contactId(String v) { contactId = v; return this; }
    public Builder customFields(String v) { customFields = v; return this; }
    public Builder processInstanceId(String v) { processInstanceId = v; return this; }
    public Builder firstResponseDueAt(Instant v) { firstResponseDueAt = v; return this; }
    public Builder resolutionDueAt(Instant v) { resolutionDueAt = v; return this; }
    public Builder slaBreached(boolean v) { slaBreached = v; return this; }
    public Builder escalated(boolean v) { escalated = v; return this; }
    public Builder closureReason(String v) { closureReason = v; return this; }
    public Builder outcome(String v) { outcome = v; return this; }
    public Builder feedbackScore(Integer v) { feedbackScore = v; return this; }
    public Builder mergedIntoCaseId(String v) { mergedIntoCaseId = v; return this; }
    public Builder closedAt(Instant v) { closedAt = v; return this; }
    public Builder deletedAt(Instant v) { deletedAt = v; return this; }
    public Builder deletedBy(String v) { deletedBy = v; return this; }

    /** The changed record, stamped with who changed it and when; the version stays the one read. */
    public CaseRecord build(Instant now, String user) {
      CaseRecord c = base;
      return new CaseRecord(c.id, c.tenantId, c.caseType, c.sector, title, description, status, priority,
          riskLevel, riskScore, team, assignee, c.channel, contactId, customFields, processInstanceId,
          firstResponseDueAt, resolutionDueAt, slaBreached, escalated, closureReason, outcome, feedbackScore,
          mergedIntoCaseId, c.createdAt, c.createdBy, now, user, closedAt, deletedAt, deletedBy, c.version,
          c.anonymous);
    }
  }
}
