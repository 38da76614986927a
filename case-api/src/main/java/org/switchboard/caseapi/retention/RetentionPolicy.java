package org.switchboard.caseapi.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.tenants.TenantDirectory.TenantConfig;

/**
 * How long a tenant keeps closed cases: {@code switchboard.retention.closed-cases}, overridden per tenant
 * in its settings JSON ({@code {"retention": {"closedCases": "P10Y"}}}), never shorter than its sector's
 * retention duty ({@code switchboard.retention.sector-minimum.<sector>}).
 */
@Component
public class RetentionPolicy {

  private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);

  private final RetentionProperties properties;
  private final ObjectMapper mapper;

  public RetentionPolicy(RetentionProperties properties, ObjectMapper mapper) {
    this.properties = properties;
    this.mapper = mapper;
  }

  /** Closed cases of the tenant closed before this instant are past retention at {@code now}. */
  public Instant closedCasesCutoff(TenantConfig tenant, Instant now) {
    Instant cutoff = minus(now, closedCases(tenant));
    Period duty = properties.sectorMinimum().get(tenant.sector());
    if (duty != null) {
      Instant dutyCutoff = minus(now, duty);
      if (dutyCutoff.isBefore(cutoff)) {
        cutoff = dutyCutoff;
      }
    }
    return cutoff;
  }

  public Period closedCases(TenantConfig tenant) {
    JsonNode override = settings(tenant).path("retention").path("closedCases");
    if (override.isTextual()) {
      try {
        return Period.parse(override.asText());
      } catch (DateTimeParseException e) {
        log.warn("Tenant {} has an invalid retention.closedCases '{}'; the default {} applies", tenant.id(),
            override.asText(), properties.closedCases());
      }
    }
    return properties.closedCases();
  }

  private JsonNode settings(TenantConfig tenant) {
    if (tenant.settings() == null || tenant.settings().isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(tenant.settings());
    } catch (JsonProcessingException e) {
      log.warn("Tenant {} has settings that are not JSON; default retention applies", tenant.id());
      return mapper.createObjectNode();
    }
  }

  private static Instant minus(Instant now, Period period) {
    return now.atZone(ZoneOffset.UTC).minus(period).toInstant();
  }
}
