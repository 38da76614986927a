package org.switchboard.caseapi.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.CaseDataProtection;
import org.switchboard.caseapi.crypto.Classification;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;

/**
 * What a caller sees of sensitive case data in ordinary reads. Restricted values are masked for
 * everyone (the audited reveal action shows them); confidential values (the description, note bodies,
 * confidential custom fields) are masked for callers whose only case-reading role is auditor: they
 * check how data is handled, not the data itself.
 */
@Component
public class MaskingPolicy {

  /** What a masked value reads as. A change that sends it back leaves the stored value as it is. */
  public static final String MASK = "•••";
  public static final String DESCRIPTION = "description";
  public static final String CUSTOM_FIELD_PREFIX = "customFields.";

  private static final Set<String> CASE_WORKER_ROLES = Set.of(Roles.AGENTS, Roles.SUPERVISORS, Roles.TENANT_ADMINS,
      Roles.ADMINS, Roles.CAMUNDA_ADMIN, Roles.SERVICE_ACCOUNTS);

  private final CaseDataProtection protection;

  public MaskingPolicy(CaseDataProtection protection) {
    this.protection = protection;
  }

  public boolean seesConfidential(CurrentUser user) {
    return user.isSystem() || user.groups().stream().anyMatch(CASE_WORKER_ROLES::contains);
  }

  public String noteBody(String body, CurrentUser user) {
    return body == null || seesConfidential(user) ? body : MASK;
  }

  /** Masks in place; returns the names (as {@link #DESCRIPTION} and {@code customFields.<key>}) of what it masked. */
  public MaskedCase mask(String tenantId, String caseType, String description, ObjectNode customFields,
      CurrentUser user) {
    boolean confidential = seesConfidential(user);
    List<String> masked = new ArrayList<>();
    String shownDescription = description;
    if (description != null && !confidential) {
      shownDescription = MASK;
      masked.add(DESCRIPTION);
    }
    Map<String, Classification> declared = protection.classificationsOf(tenantId, caseType);
    List<String> names = new ArrayList<>();
    customFields.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      Classification c = declared.getOrDefault(name, Classification.INTERNAL);
      JsonNode value = customFields.get(name);
      boolean hide = c == Classification.RESTRICTED || (c == Classification.CONFIDENTIAL && !confidential);
      if (hide && value != null && !value.isNull()) {
        customFields.set(name, TextNode.valueOf(MASK));
        masked.add(CUSTOM_FIELD_PREFIX + name);
      }
    }
    return new MaskedCase(shownDescription, customFields, List.copyOf(masked));
  }

  public record MaskedCase(String description, ObjectNode customFields, List<String> masked) {
  }
}
