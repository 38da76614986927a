package org.switchboard.caseapi.cases.usecases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseEventPayload;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.casetypes.CaseType;
import org.switchboard.caseapi.casetypes.CaseTypeCatalog;
import org.switchboard.caseapi.crypto.CardVault;
import org.switchboard.caseapi.formdata.FormSchemaValidator;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/**
 * Opens a case: the row, its first history entry, the CaseOpened event and the process instance are
 * created in one transaction. With intake facts the process triages at once (DMN risk, routing, SLA),
 * still inside this transaction, so the caller gets back the routed case.
 */
@Component
public class CreateCaseUseCase {

  private final CaseTypeCatalog caseTypes;
  private final TenantDirectory tenants;
  private final FormSchemaValidator forms;
  private final IntakeForm intakeForm;
  private final CustomFieldsJson customFields;
  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final CaseProcess process;
  private final Clock clock;

  private final CardVault cardVault;

  public CreateCaseUseCase(CaseTypeCatalog caseTypes, TenantDirectory tenants, FormSchemaValidator forms,
      IntakeForm intakeForm, CustomFieldsJson customFields, CaseRepository cases, CaseChangeLog changeLog,
      Outbox outbox, CaseProcess process, Clock clock, CardVault cardVault) {
    this.caseTypes = caseTypes;
    this.tenants = tenants;
    this.forms = forms;
    this.intakeForm = intakeForm;
    this.customFields = customFields;
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.process = process;
    this.clock = clock;
    this.cardVault = cardVault;
  }

  @Transactional
  public CaseRecord create(CreateCaseRequest request, CurrentUser user) {
    return create(request, user, false);
  }

  /**
   * A case opened by an inbound message (SMS, chat, email): nobody has been asked the case type's required
   * fields yet, so they are left for the agent; values that are given must still be valid.
   */
  @Transactional
  public CaseRecord createFromContact(CreateCaseRequest request, CurrentUser user) {
    return create(request, user, true);
  }

  private CaseRecord create(CreateCaseRequest request, CurrentUser user, boolean requiredFieldsLater) {
    List<FieldError> errors = new ArrayList<>();
    String tenantId = tenant(request.tenantId(), user, errors);
    CaseType type = null;
    if (tenantId != null) {
      type = caseTypes.resolve(tenantId, request.caseType()).orElse(null);
      if (type == null && request.caseType() != null) {
        errors.add(new FieldError("caseType", "is not a case type of this organisation"));
      }
    }
    Map<String, Object> custom = request.customFields() == null ? new LinkedHashMap<>() : request.customFields();
    if (type != null) {
      errors.addAll(forms.validate(type.formDefinition(), custom, "customFields.", requiredFieldsLater));
    }
    Map<String, Object> intake = intakeFacts(request.intake());
    if (intake != null) {
      errors.addAll(intakeForm.validate(intake, "intake."));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }

    Instant now = clock.instant();
    Channel channel = request.channel() == null ? Channel.API : request.channel();
    String caseId = UUID.randomUUID().toString();
    String description = blankToNull(request.description());
    CaseRecord opened = new CaseRecord(caseId, tenantId, type.key(), type.sector(),
        request.title().strip(), description == null ? null : cardVault.tokenize(tenantId, caseId, description), CaseStatus.OPEN, Priority.NORMAL, null, null,
        null, null, channel.value(), null, customFields.write(custom), null, null, null, false, false, null, null,
        null, null, now, user.userId(), now, user.userId(), null, null, null, 0,
        Boolean.TRUE.equals(request.anonymous()));
    cases.insert(opened);
    changeLog.record(opened, CaseChangeTypes.CREATED, now, user.userId(), List.of(), null);
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_OPENED, tenantId, opened.id(), now, CaseEventPayload.of(
        "caseType", type.key(), "sector", type.sector(), "channel", channel.value(), "status", opened.status(),
        "priority", opened.priority())));

    String instanceId = process.start(opened, type.processKey(), facts(opened, intake));
    // Triage may already have changed the row (and its version) inside start().
    CaseRecord started = cases.findById(opened.id()).orElseThrow();
    return cases.update(started.toBuilder().processInstanceId(instanceId).build(clock.instant(), user.userId()))
        .orElseThrow(() -> ApiException.conflict("Case " + opened.id() + " changed while it was being opened"));
  }

  private String tenant(String requested, CurrentUser user, List<FieldError> errors) {
    if (requested == null || requested.isBlank()) {
      if (user.tenantIds().size() == 1) {
        return user.tenantIds().iterator().next();
      }
      errors.add(new FieldError("tenantId", "is required: you belong to "
          + (user.tenantIds().isEmpty() ? "no organisation" : "several organisations")));
      return null;
    }
    if (!user.canAccessTenant(requested) || tenants.find(requested).isEmpty()) {
      errors.add(new FieldError("tenantId", "is not an organisation you can access"));
      return null;
    }
    return requested;
  }

  /** The intake as the CaseIntake form would submit it: unticked flags are false, not missing. */
  private static Map<String, Object> intakeFacts(CreateCaseRequest.Intake intake) {
    if (intake == null) {
      return null;
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    if (intake.category() != null) {
      facts.put(Variables.CATEGORY, intake.category());
    }
    facts.put(Variables.IMMEDIATE_DANGER, Boolean.TRUE.equals(intake.immediateDanger()));
    facts.put(Variables.SELF_HARM_RISK, Boolean.TRUE.equals(intake.selfHarmRisk()));
    facts.put(Variables.CHILD_AT_RISK, Boolean.TRUE.equals(intake.childAtRisk()));
    return facts;
  }

  /** Routing facts only: title, description and custom fields stay out of the engine and its history. */
  private static Map<String, Object> facts(CaseRecord c, Map<String, Object> intake) {
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.CASE_ID, c.id());
    facts.put(Variables.SECTOR, c.sector());
    facts.put(Variables.CASE_TYPE, c.caseType());
    facts.put(Variables.CHANNEL, c.channel());
    facts.put(Variables.INTAKE_COMPLETE, intake != null);
    if (intake != null) {
      facts.putAll(intake);
    }
    return facts;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
