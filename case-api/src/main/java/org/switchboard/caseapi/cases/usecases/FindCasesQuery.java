package org.switchboard.caseapi.cases.usecases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseQuery;
import org.switchboard.caseapi.cases.CaseQuery.SortField;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.CaseVisibility;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.cases.RiskLevel;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/** Reads cases for a caller: only the cases of their organisations they may see ({@code CaseVisibility}), never deleted ones. */
@Component
public class FindCasesQuery {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  private final CaseRepository cases;
  private final CaseAccess access;
  private final AuditRecorder audit;

  public FindCasesQuery(CaseRepository cases, CaseAccess access, AuditRecorder audit) {
    this.cases = cases;
    this.access = access;
    this.audit = audit;
  }

  /** List parameters as the client sent them; parsed here so each bad one is named. */
  public record Params(String status, String priority, String riskLevel, String team, String assignee,
      String caseType, String q, Integer page, Integer size, String sort, String direction) {
  }

  public CaseRecord get(String caseId, CurrentUser user) {
    CaseRecord c = access.requireFor(user, caseId);
    audit.caseViewed(c.tenantId(), c.id(), "case");
    return c;
  }

  public Page<CaseRecord> search(Params p, CurrentUser user) {
    List<FieldError> errors = new ArrayList<>();
    CaseStatus status = parse(CaseStatus.class, "status", p.status(), errors);
    Priority priority = parse(Priority.class, "priority", p.priority(), errors);
    RiskLevel riskLevel = parse(RiskLevel.class, "riskLevel", p.riskLevel(), errors);
    int page = p.page() == null ? 0 : p.page();
    if (page < 0) {
      errors.add(new FieldError("page", "must be 0 or more"));
    }
    int size = p.size() == null ? DEFAULT_SIZE : p.size();
    if (size < 1 || size > MAX_SIZE) {
      errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
    }
    SortField sort = SortField.createdAt;
    if (p.sort() != null && !p.sort().isBlank()) {
      sort = sortField(p.sort().trim());
      if (sort == null) {
        errors.add(new FieldError("sort", "must be one of " + List.of(SortField.values())));
      }
    }
    boolean ascending = false;
    if (p.direction() != null && !p.direction().isBlank()) {
      switch (p.direction().trim().toLowerCase(Locale.ROOT)) {
        case "asc" -> ascending = true;
        case "desc" -> ascending = false;
        default -> errors.add(new FieldError("direction", "must be asc or desc"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    CaseQuery query = new CaseQuery(user.isAdmin() ? null : user.tenantIds(), status, priority, riskLevel,
        blankToNull(p.team()), blankToNull(p.assignee()), blankToNull(p.caseType()), blankToNull(p.q()), false,
        page, size, sort, ascending, CaseVisibility.viewerOf(user));
    Page<CaseRecord> result = cases.search(query);
    // One event per list, not per case: which cases were shown follows from the ids listed in details.
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", result.items().size());
    details.put("total", result.total());
    details.put("caseIds", result.items().stream().map(CaseRecord::id).toList());
    String tenant = user.tenantIds().size() == 1 && !user.isAdmin() ? user.tenantIds().iterator().next() : null;
    audit.success(AuditActions.CASES_LISTED, tenant, "case", null, details);
    return result;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "must be one of " + List.of(type.getEnumConstants())));
      return null;
    }
  }

  private static SortField sortField(String value) {
    for (SortField field : SortField.values()) {
      if (field.name().equalsIgnoreCase(value)) {
        return field;
      }
    }
    return null;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
