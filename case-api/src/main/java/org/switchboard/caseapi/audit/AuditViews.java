package org.switchboard.caseapi.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Auditors' search and export. Admins see every event; auditors the events of their own tenants only.
 * Every search and export is itself an audit event (PCI DSS 10.2: access to audit logs is logged).
 */
@Component
public class AuditViews {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;
  /** Larger exports must be split by time range; a single response holds everything in memory. */
  public static final int MAX_EXPORT_ROWS = 50_000;

  private final AuditEventSearch search;
  private final AuditRecorder audit;
  private final ObjectMapper mapper;

  public AuditViews(AuditEventSearch search, AuditRecorder audit, ObjectMapper mapper) {
    this.search = search;
    this.audit = audit;
    this.mapper = mapper;
  }

  /** Filters as the client sent them; parsed here so each bad one is named. */
  public record Params(String caseId, String actor, String action, String from, String to) {
  }

  public Page<StoredAuditEvent> search(Params p, Integer page, Integer size) {
    CurrentUser user = AuditorAccess.require();
    List<FieldError> errors = new ArrayList<>();
    AuditEventSearch.Filter filter = filter(p, user, errors);
    int pageNo = page == null ? 0 : page;
    int pageSize = size == null ? DEFAULT_SIZE : size;
    if (pageNo < 0) {
      errors.add(new FieldError("page", "must be 0 or more"));
    }
    if (pageSize < 1 || pageSize > MAX_SIZE) {
      errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    long total = search.count(filter);
    List<StoredAuditEvent> items = search.find(filter, pageNo * pageSize, pageSize, true);
    Map<String, Object> details = filterDetails(p);
    details.put("count", items.size());
    audit.success(AuditActions.AUDIT_SEARCHED, ownTenant(user), "audit-event", null, details);
    return new Page<>(items, pageNo, pageSize, total);
  }

  public Export export(Params p, String format) {
    CurrentUser user = AuditorAccess.require();
    List<FieldError> errors = new ArrayList<>();
    AuditEventSearch.Filter filter = filter(p, user, errors);
    String fmt = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
    if (!fmt.equals("json") && !fmt.equals("csv")) {
      errors.add(new FieldError("format", "must be csv or json"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    long total = search.count(filter);
    if (total > MAX_EXPORT_ROWS) {
      throw ApiException.invalid("to", total + " events match; narrow the time range (from/to) to at most "
          + MAX_EXPORT_ROWS + " per export");
    }
    List<StoredAuditEvent> events = search.find(filter, 0, MAX_EXPORT_ROWS, false);
    byte[] body = fmt.equals("csv") ? Csv.of(events, mapper) : json(events);
    Map<String, Object> details = filterDetails(p);
    details.put("format", fmt);
    details.put("count", events.size());
    audit.success(AuditActions.AUDIT_EXPORTED, ownTenant(user), "audit-event", null, details);
    return new Export(fmt.equals("csv") ? "text/csv" : "application/json", "audit-events." + fmt, body);
  }

  public record Export(String contentType, String fileName, byte[] body) {
  }

  private static AuditEventSearch.Filter filter(Params p, CurrentUser user, List<FieldError> errors) {
    Instant from = instant("from", p.from(), errors);
    Instant to = instant("to", p.to(), errors);
    if (from != null && to != null && !from.isBefore(to)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    return new AuditEventSearch.Filter(user.isAdmin() ? null : user.tenantIds(), blank(p.caseId()),
        blank(p.actor()), blank(p.action()), from, to);
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z"));
      return null;
    }
  }

  private static Map<String, Object> filterDetails(Params p) {
    Map<String, Object> details = new LinkedHashMap<>();
    putIfPresent(details, "caseId", p.caseId());
    putIfPresent(details, "actor", p.actor());
    putIfPresent(details, "action", p.action());
    putIfPresent(details, "from", p.from());
    putIfPresent(details, "to", p.to());
    return details;
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (blank(value) != null) {
      map.put(key, value.trim());
    }
  }

  /** An auditor of one organisation sees their own searches; otherwise the event is platform-level. */
  private static String ownTenant(CurrentUser user) {
    return !user.isAdmin() && user.tenantIds().size() == 1 ? user.tenantIds().iterator().next() : null;
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private byte[] json(List<StoredAuditEvent> events) {
    try {
      return mapper.writeValueAsBytes(events);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
  static final class Csv {
    static final String HEADER = "seq,occurredAt,action,actor,tenantId,objectType,objectId,source,client,outcome,"
        + "details,prevHash,hash";

    private Csv() {
    }

    static byte[] of(List<StoredAuditEvent> events, ObjectMapper mapper) {
      StringBuilder out = new StringBuilder(HEADER).append("\r\n");
      for (StoredAuditEvent e : events) {
        String details;
        try {
          details = mapper.writeValueAsString(e.details());
        } catch (JsonProcessingException ex) {
          throw new IllegalStateException(ex);
        }
        List<String> cells = List.of(Long.toString(e.seq()), e.at().toString(), e.action(), nz(e.actor()),
            nz(e.tenantId()), nz(e.objectType()), nz(e.objectId()), nz(e.source()), nz(e.client()), e.outcome(),
            details, e.prevHash(), e.hash());
        for (int i = 0; i < cells.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String value) {
      String v = value;
      if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
        v = "'" + v;
      }
      if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
        v = "\"" + v.replace("\"", "\"\"") + "\"";
      }
      return v;
    }

    private static String nz(String value) {
      return value == null ? "" : value;
    }
  }
}
