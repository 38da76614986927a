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

  /** Who sees a contact's name, phone and e-mail in clear; everyone else gets masked values and can reveal them. */
  private static final Set<String> CONTACT_IDENTITY_ROLES = Set.of(Roles.SUPERVISORS, Roles.TENANT_ADMINS,
      Roles.ADMINS, Roles.CAMUNDA_ADMIN);

  private final CaseDataProtection protection;

  public MaskingPolicy(CaseDataProtection protection) {
    this.protection = protection;
  }

  public boolean seesConfidential(CurrentUser user) {
    return user.isSystem() || user.groups().stream().anyMatch(CASE_WORKER_ROLES::contains);
  }

  public boolean seesContactIdentity(CurrentUser user) {
    return user.isSystem() || user.groups().stream().anyMatch(CONTACT_IDENTITY_ROLES::contains);
  }

  /**
   * {@code +44•••••••89}: the country code and the last two digits let an agent tell numbers apart on
   * the phone without reading the number; the fixed width hides its length.
   */
  public static String maskPhone(String phone) {
    if (phone == null) {
      return null;
    }
    return phone.length() < 8 ? MASK : phone.substring(0, 3) + "•••••••" + phone.substring(phone.length() - 2);
  }

  /** {@code j•••@•••.org}: the first letter and the top-level domain, nothing that identifies the mailbox. */
  public static String maskEmail(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    int dot = email.lastIndexOf('.');
    if (at < 1 || dot < at) {
      return MASK;
    }
    return email.charAt(0) + "•••@•••" + email.substring(dot);
  }

  /** {@code A••• L•••}: initials only. */
  public static String maskName(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder shown = new StringBuilder();
    for (String word : name.strip().split("\\s+")) {
      if (!word.isEmpty()) {
        shown.append(shown.isEmpty() ? "" : " ").appendCodePoint(word.codePointAt(0)).append(MASK);
      }
    }
    return shown.isEmpty() ? MASK : shown.toString();
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
