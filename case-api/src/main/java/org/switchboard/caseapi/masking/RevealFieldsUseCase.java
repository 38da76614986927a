package org.switchboard.caseapi.masking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.usecases.CustomFieldsJson;
import org.switchboard.caseapi.crypto.CaseDataProtection;
import org.switchboard.caseapi.crypto.Classification;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Shows masked values in clear, to supervisors, tenant administrators, administrators and the case's
 * assignee. Every reveal, and every refused one, is audited as {@value #REVEALED} with the field NAMES
 * (never the values).
 */
@Component
public class RevealFieldsUseCase {

  public static final String REVEALED = "REVEALED";
  private static final Set<String> REVEALING_ROLES = Set.of(Roles.SUPERVISORS, Roles.TENANT_ADMINS, Roles.ADMINS,
      Roles.CAMUNDA_ADMIN);

  private final CaseAccess access;
  private final CaseDataProtection protection;
  private final CustomFieldsJson customFields;
  private final AuditRecorder audit;

  public RevealFieldsUseCase(CaseAccess access, CaseDataProtection protection, CustomFieldsJson customFields,
      AuditRecorder audit) {
    this.access = access;
    this.protection = protection;
    this.customFields = customFields;
    this.audit = audit;
  }

  /** @param fields {@code description} and {@code customFields.<key>} of confidential or restricted fields */
  public Map<String, Object> reveal(String caseId, List<String> fields, CurrentUser user) {
    CaseRecord c = access.requireFor(user, caseId);
    List<String> names = List.copyOf(new LinkedHashSet<>(fields));
    if (!mayReveal(user, c)) {
      audit.record(REVEALED, null, c.tenantId(), "case", c.id(), Outcome.DENIED, Map.of("fields", names));
      throw ApiException.forbidden("Only supervisors, administrators and the case's assignee may reveal masked values");
    }
    Map<String, Classification> declared = protection.classificationsOf(c.tenantId(), c.caseType());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i);
      if (!revealable(name, declared)) {
        errors.add(new FieldError("fields[" + i + "]",
            "is not description or customFields.<key> of a confidential or restricted field of this case type"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Map<String, Object> stored = customFields.read(c.customFields());
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(name, name.equals(MaskingPolicy.DESCRIPTION)
          ? c.description()
          : stored.get(name.substring(MaskingPolicy.CUSTOM_FIELD_PREFIX.length())));
    }
    audit.success(REVEALED, c.tenantId(), "case", c.id(), Map.of("fields", names));
    return values;
  }

  private static boolean mayReveal(CurrentUser user, CaseRecord c) {
    return user.groups().stream().anyMatch(REVEALING_ROLES::contains)
        || (user.userId() != null && user.userId().equals(c.assignee()));
  }

  private static boolean revealable(String name, Map<String, Classification> declared) {
    if (MaskingPolicy.DESCRIPTION.equals(name)) {
      return true;
    }
    if (name == null || !name.startsWith(MaskingPolicy.CUSTOM_FIELD_PREFIX)) {
      return false;
    }
    Classification c = declared.get(name.substring(MaskingPolicy.CUSTOM_FIELD_PREFIX.length()));
    return c != null && c.encrypted();
  }
}
