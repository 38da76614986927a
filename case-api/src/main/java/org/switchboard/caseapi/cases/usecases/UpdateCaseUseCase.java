package org.switchboard.caseapi.cases.usecases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseDiff;
import org.switchboard.caseapi.cases.CaseEventPayload;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.casetypes.CaseType;
import org.switchboard.caseapi.casetypes.CaseTypeCatalog;
import org.switchboard.caseapi.crypto.CardVault;
import org.switchboard.caseapi.formdata.FormSchemaValidator;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Edits a case's own data (title, description, custom fields) and overrides its priority. Every edit
 * names the version it is based on: an edit based on an older version is refused (409) instead of
 * silently overwriting what someone else saved in between.
 */
@Component
public class UpdateCaseUseCase {

  private final CaseAccess access;
  private final CaseRepository cases;
  private final CaseTypeCatalog caseTypes;
  private final FormSchemaValidator forms;
  private final CustomFieldsJson customFields;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  private final CardVault cardVault;

  public UpdateCaseUseCase(CaseAccess access, CaseRepository cases, CaseTypeCatalog caseTypes,
      FormSchemaValidator forms, CustomFieldsJson customFields, CaseChangeLog changeLog, Outbox outbox, Clock clock,
      CardVault cardVault) {
    this.access = access;
    this.cases = cases;
    this.caseTypes = caseTypes;
    this.forms = forms;
    this.customFields = customFields;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
    this.cardVault = cardVault;
  }

  /** @param expectedVersion the version the client read (If-Match or body); null is refused with 428 */
  @Transactional
  public CaseRecord update(String caseId, UpdateCaseRequest request, Long expectedVersion, CurrentUser user) {
    CaseRecord current = access.requireFor(user, caseId);
    if (expectedVersion == null) {
      throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
          "Send If-Match: \"<version>\" (or version in the body) with the version you read", List.of());
    }
    return apply(current, request, expectedVersion, user);
  }

  /** Priority override on the current version (batch operations, which have no version per case). */
  @Transactional
  public CaseRecord changePriority(String caseId, UpdateCaseRequest request, CurrentUser user) {
    CaseRecord current = access.requireFor(user, caseId);
    return apply(current, request, current.version(), user);
  }

  private CaseRecord apply(CaseRecord current, UpdateCaseRequest request, long expectedVersion, CurrentUser user) {
    Map<String, Object> storedFields = customFields.read(current.customFields());
    Map<String, Object> mergedFields = merge(storedFields, request.customFields());
    if (request.customFields() != null) {
      List<FieldError> errors = new ArrayList<>();
      CaseType type = caseTypes.resolve(current.tenantId(), current.caseType()).orElse(null);
      if (type == null) {
        errors.add(new FieldError("customFields", "cannot be changed: the case type no longer exists"));
      } else {
        errors.addAll(forms.validate(type.formDefinition(), mergedFields, "customFields.", false));
      }
      if (!errors.isEmpty()) {
        throw ApiException.invalid(errors);
      }
    }
    if (current.version() != expectedVersion) {
      throw stale(current);
    }

    CaseRecord.Builder change = current.toBuilder();
    if (request.title() != null) {
      change.title(request.title().strip());
    }
    if (request.description() != null && !MaskingPolicy.MASK.equals(request.description())) {
      change.description(request.description().isBlank()
          ? null
          : cardVault.tokenize(current.tenantId(), current.id(), request.description()));
    }
    if (request.priority() != null) {
      change.priority(request.priority());
    }
    change.customFields(customFields.write(mergedFields));
    Instant now = clock.instant();
    CaseRecord candidate = change.build(now, user.userId());

    List<FieldChange> changes = new ArrayList<>(CaseDiff.between(current, candidate));
    for (String key : changedKeys(storedFields, mergedFields)) {
      changes.add(new FieldChange("customFields." + key, null, null));
    }
    if (changes.isEmpty()) {
      return current;
    }
    CaseRecord updated = cases.update(candidate).orElseThrow(() -> stale(current));
    changeLog.record(updated, CaseChangeTypes.UPDATED, now, user.userId(), changes,
        request.priority() != null && request.priority() != current.priority() ? "priority overridden" : null);
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_UPDATED, updated.tenantId(), updated.id(), now,
        CaseEventPayload.of("fields", changes.stream().map(FieldChange::field).toList(),
            "priority", updated.priority())));
    return updated;
  }

  private static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> patch) {
    Map<String, Object> merged = new LinkedHashMap<>(stored);
    if (patch != null) {
      patch.forEach((key, value) -> {
        if (value == null) {
          merged.remove(key);
        } else if (!(MaskingPolicy.MASK.equals(value) && stored.containsKey(key))) {
          // A masked value sent back unchanged (a client echoing what it read) keeps the stored one.
          merged.put(key, value);
        }
      });
    }
    return merged;
  }

  private static Set<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(after.keySet());
    keys.removeIf(key -> Objects.equals(before.get(key), after.get(key)));
    return keys;
  }

  private static ApiException stale(CaseRecord current) {
    return ApiException.conflict("Case " + current.id() + " was changed by someone else; reload it (now version "
        + current.version() + " or later) and apply your change again");
  }
}
