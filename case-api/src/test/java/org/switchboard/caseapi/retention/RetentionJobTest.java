package org.switchboard.caseapi.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.contacts.DatabaseScan;
import org.switchboard.caseapi.contacts.SubjectData;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.shared.Jdbc;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** reliability.md G-3 with a stepped clock: the job takes {@code now} as an argument. */
@SwitchboardTest
class RetentionJobTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired CaseTypeRepository caseTypes;
  @Autowired RetentionJob job;

  String tenant;
  ApiClient agent;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
    SubjectData.caseType(caseTypes, tenant, "generic");
  }

  @Test
  void expiredClosedCasesAreErasedStepByStepHeldOnesKeptAndEachRunIsAudited() {
    jdbc.sql("UPDATE tenant SET settings = :s WHERE id = :t")
        .param("s", "{\"retention\": {\"closedCases\": \"P1Y\"}}").param("t", tenant).update();
    SubjectData old = SubjectData.create(agent, 1);
    SubjectData recent = SubjectData.create(agent, 1);
    SubjectData held = SubjectData.create(agent, 1);
    SubjectData open = SubjectData.create(agent, 1);
    close(old.caseIds.get(0), years(T0, -2));
    close(recent.caseIds.get(0), years(T0, -1).plusSeconds(86_400 * 30));
    close(held.caseIds.get(0), years(T0, -3));
    assertThat(fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS))
        .post("/api/v1/contacts/" + held.contactId + "/legal-holds", Map.of("reason", "Audit 2029-7")).status())
        .isEqualTo(201);

    RetentionJob.Result first = job.runFor(tenant, T0);
    assertThat(first.casesErased()).isEqualTo(1);
    assertThat(first.casesHeld()).isEqualTo(1);
    assertThat(erased(old.caseIds.get(0))).isTrue();
    assertThat(erased(recent.caseIds.get(0))).isFalse();
    assertThat(erased(held.caseIds.get(0))).isFalse();
    assertThat(DatabaseScan.find(jdbc, old.canary)).isEmpty();
    assertThat(DatabaseScan.find(jdbc, recent.canary)).isNotEmpty();

    assertThat(job.runFor(tenant, T0).casesErased()).as("a second run at the same time finds nothing new").isZero();

    RetentionJob.Result later = job.runFor(tenant, T0.plusSeconds(86_400 * 60));
    assertThat(later.casesErased()).isEqualTo(1);
    assertThat(erased(recent.caseIds.get(0))).isTrue();
    assertThat(erased(held.caseIds.get(0))).isFalse();
    assertThat(erased(open.caseIds.get(0))).isFalse();

    assertThat(jdbc.sql("SELECT details FROM audit_event WHERE action = 'RETENTION_PURGED' AND tenant_id = :t "
            + "ORDER BY seq").param("t", tenant).query(String.class).list())
        .hasSize(3)
        .first().satisfies(d -> assertThat(d).contains("\"casesErased\":1").contains("\"casesHeld\":1")
            .contains("\"closedCases\":\"P1Y\""));
  }

  @Test
  void aSectorRetentionDutyOutlastsAShorterTenantSetting() {
    String clinic = fixtures.tenant("healthcare");
    SubjectData.caseType(caseTypes, clinic, "healthcare");
    jdbc.sql("UPDATE tenant SET settings = :s WHERE id = :t")
        .param("s", "{\"retention\": {\"closedCases\": \"P1Y\"}}").param("t", clinic).update();
    SubjectData patient = SubjectData.create(fixtures.as(fixtures.agent(clinic)), 1);
    close(patient.caseIds.get(0), years(T0, -2));

    assertThat(job.runFor(clinic, T0).casesErased()).isZero();
    assertThat(erased(patient.caseIds.get(0))).isFalse();
    assertThat(job.runFor(clinic, years(T0, 9)).casesErased()).isEqualTo(1);
    assertThat(erased(patient.caseIds.get(0))).isTrue();
  }

  private void close(String caseId, Instant closedAt) {
    jdbc.sql("UPDATE case_record SET status = 'CLOSED', closed_at = :at WHERE id = :id")
        .param("at", Jdbc.ts(closedAt)).param("id", caseId).update();
  }

  private boolean erased(String caseId) {
    return jdbc.sql("SELECT erased_at IS NOT NULL FROM case_record WHERE id = :id").param("id", caseId)
        .query(Boolean.class).single();
  }

  private static Instant years(Instant at, int years) {
    return at.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
  }
}
