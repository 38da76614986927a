package org.switchboard.caseapi.retention;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.retention.*}: how long data is kept (docs/data-protection.md, "Retention").
 *
 * @param closedCases how long a closed case (with its notes, documents and history) is kept after closing
 * @param sectorMinimum sector retention duties (e.g. healthcare: P10Y): closed cases younger than this keep
 *     their record when their contact is erased; only the contact's identity goes
 * @param jobEnabled whether the scheduled retention job runs
 * @param jobInterval how often it runs
 * @param batchSize cases erased per transaction
 */
@ConfigurationProperties("switchboard.retention")
public record RetentionProperties(
    @DefaultValue("P7Y") Period closedCases,
    Map<String, Period> sectorMinimum,
    @DefaultValue("true") boolean jobEnabled,
    @DefaultValue("1d") Duration jobInterval,
    @DefaultValue("100") int batchSize) {

  public RetentionProperties {
    sectorMinimum = sectorMinimum == null ? Map.of() : Map.copyOf(sectorMinimum);
  }
}
