package org.switchboard.caseapi.crypto;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditTrail;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.crypto.DataKeyRepository.DataKeyRow;
import org.switchboard.caseapi.crypto.KeyEncryptionKeys.Kek;
import org.switchboard.caseapi.web.ApiException;

/**
 * Rotates a tenant's keys while the application keeps serving it.
 *
 * <ol>
 *   <li>KEK: a new version becomes current and every data key of the tenant is re-wrapped under it, in
 *       batches. Data is not touched (a KEK only protects data keys).</li>
 *   <li>Data keys (optional): every active key becomes RETIRING. Each retirement locks the key's row,
 *       so it waits for writers that hold it and are still encrypting with it; afterwards writers get a
 *       new version. Reads keep working with both, as every ciphertext names its key.</li>
 *   <li>Rows still under a retiring key (and plaintext from before encryption) are re-encrypted in
 *       batches: new ciphertexts are computed without holding locks, then written with compare-and-set,
 *       so a concurrent user write always wins and is never overwritten. Passes repeat until one finds
 *       nothing left; then the keys become RETIRED.</li>
 * </ol>
 * Callable from the admin endpoint or a scheduled job; each run is audited as KEY_ROTATED. One run per
 * tenant at a time on a node (a second gets 409).
 */
@Component
public class RotateTenantKeysUseCase {

  public static final String AUDIT_ACTION = "KEY_ROTATED";
  private static final Logger log = LoggerFactory.getLogger(RotateTenantKeysUseCase.class);
  private static final int MAX_PASSES = 20;

  private final DataKeyRepository keys;
  private final DataKeys dataKeys;
  private final KeyEncryptionKeys keks;
  private final CaseDataProtection protection;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final AuditTrail audit;
  private final Clock clock;
  private final int batchSize;
  private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();
  private final List<KeyRotationParticipant> participants;

  public RotateTenantKeysUseCase(DataKeyRepository keys, DataKeys dataKeys, KeyEncryptionKeys keks,
      CaseDataProtection protection, JdbcClient jdbc, TransactionTemplate transaction, AuditTrail audit, Clock clock,
      SwitchboardProperties properties, List<KeyRotationParticipant> participants) {
    this.participants = participants;
    this.keys = keys;
    this.dataKeys = dataKeys;
    this.keks = keks;
    this.protection = protection;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.audit = audit;
    this.clock = clock;
    this.batchSize = Math.max(1, properties.crypto().rotationBatchSize());
  }

  /** What a rotation did. */
  public record Result(String tenantId, String kekId, int dataKeysRewrapped, int dataKeysRetired,
      int rowsReencrypted) {
  }

  public Result rotate(String tenantId, boolean rotateDataKeys, String actor, String source, String client) {
    ReentrantLock lock = running.computeIfAbsent(tenantId, t -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw ApiException.conflict("A key rotation of tenant " + tenantId + " is already running");
    }
    try {
      return rotateLocked(tenantId, rotateDataKeys, actor, source, client);
    } finally {
      lock.unlock();
    }
  }

  private Result rotateLocked(String tenantId, boolean rotateDataKeys, String actor, String source, String client) {
    Kek kek = transaction.execute(s -> keks.advance(tenantId));
    int rewrapped = rewrapAll(tenantId, kek);
    int retired = 0;
    int reencrypted = 0;
    if (rotateDataKeys) {
      retired = retireActive(tenantId);
    }
    // Also finishes keys retired earlier (invocation limit reached, or an interrupted run).
    List<String> retiring = allIds(tenantId, DataKeyRepository.RETIRING);
    if (rotateDataKeys || !retiring.isEmpty()) {
      reencrypted = reencryptUntilClean(tenantId, new HashSet<>(retiring));
      transaction.executeWithoutResult(s -> retiring.forEach(
          id -> keys.setState(id, DataKeyRepository.RETIRED, clock.instant())));
    }
    Result result = new Result(tenantId, kek.id(), rewrapped, retired, reencrypted);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kekId", kek.id());
    details.put("dataKeysRewrapped", rewrapped);
    details.put("dataKeysRetired", retiring.size());
    details.put("rowsReencrypted", reencrypted);
    audit.record(new AuditEvent(AUDIT_ACTION, actor, clock.instant(), tenantId, "TENANT_KEYS", tenantId, source,
        client, AuditEvent.Outcome.SUCCESS, details));
    log.info("Rotated keys of tenant {}: KEK {}, {} data keys re-wrapped, {} retired, {} rows re-encrypted",
        tenantId, kek.id(), rewrapped, retiring.size(), reencrypted);
    return result;
  }

  private int rewrapAll(String tenantId, Kek kek) {
    int total = 0;
    String after = "";
    while (true) {
      String from = after;
      List<DataKeyRow> batch = transaction.execute(s -> {
        List<DataKeyRow> rows = keys.notWrappedBy(tenantId, kek.id(), from, batchSize);
        for (DataKeyRow row : rows) {
          keys.rewrap(row.id(), dataKeys.wrap(tenantId, row.id(), dataKeys.unwrap(row), kek), kek.id());
        }
        return rows;
      });
      if (batch.isEmpty()) {
        return total;
      }
      total += batch.size();
      after = batch.get(batch.size() - 1).id();
    }
  }

  private int retireActive(String tenantId) {
    List<String> active = allIds(tenantId, DataKeyRepository.ACTIVE);
    for (int i = 0; i < active.size(); i += batchSize) {
      List<String> batch = active.subList(i, Math.min(active.size(), i + batchSize));
      transaction.executeWithoutResult(s -> keys.lockByIds(batch).stream()
          .filter(row -> DataKeyRepository.ACTIVE.equals(row.state()))
          .forEach(row -> keys.setState(row.id(), DataKeyRepository.RETIRING, null)));
    }
    return active.size();
  }

  private List<String> allIds(String tenantId, String state) {
    List<String> ids = new ArrayList<>();
    String after = "";
    while (true) {
      List<String> page = keys.idsInState(tenantId, state, after, 1000);
      if (page.isEmpty()) {
        return ids;
      }
      ids.addAll(page);
      after = page.get(page.size() - 1);
    }
  }

  private int reencryptUntilClean(String tenantId, Set<String> retiring) {
    int total = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      PassResult cases = reencryptCases(tenantId, retiring);
      PassResult notes = reencryptNotes(tenantId, retiring);
      int found = cases.found + notes.found;
      total += cases.written + notes.written;
      for (KeyRotationParticipant participant : participants) {
        KeyRotationParticipant.Pass resealed = participant.reseal(tenantId, retiring);
        found += resealed.found();
        total += resealed.written();
      }
      if (found == 0) {
        return total;
      }
    }
    throw new IllegalStateException("Rows of tenant " + tenantId + " still under retiring keys after "
        + MAX_PASSES + " passes; the keys stay RETIRING and the next run continues");
  }

  private record PassResult(int found, int written) {
  }

  private record Change(String id, String oldA, String newA, String oldB, String newB) {
  }

  private PassResult reencryptCases(String tenantId, Set<String> retiring) {
    int found = 0;
    int written = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql("""
          SELECT id, case_type, description, custom_fields FROM case_record
          WHERE tenant_id = :t AND id > :after ORDER BY id LIMIT :n
          """).param("t", tenantId).param("after", after).param("n", batchSize).query().listOfRows();
      if (rows.isEmpty()) {
        return new PassResult(found, written);
      }
      List<Change> changes = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        String id = (String) row.get("id");
        String description = (String) row.get("description");
        String custom = (String) row.get("custom_fields");
        boolean descriptionStale = description != null && FieldCipher.keyIdOf(description)
            .map(retiring::contains).orElse(true);
        boolean customStale = protection.sealedKeyId(custom).map(retiring::contains).orElse(false);
        if (descriptionStale || customStale) {
          changes.add(new Change(id, description,
              descriptionStale ? protection.sealDescription(id, tenantId,
                  protection.openDescription(id, tenantId, description)) : description,
              custom,
              customStale ? protection.sealCustomFields(id, tenantId, (String) row.get("case_type"),
                  protection.openCustomFields(id, tenantId, custom)) : custom));
        }
      }
      found += changes.size();
      written += apply(changes, "UPDATE case_record SET description = :newA, custom_fields = :newB WHERE id = :id "
          + "AND description IS NOT DISTINCT FROM :oldA AND custom_fields IS NOT DISTINCT FROM :oldB");
      after = (String) rows.get(rows.size() - 1).get("id");
    }
  }

  private PassResult reencryptNotes(String tenantId, Set<String> retiring) {
    int found = 0;
    int written = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql("""
          SELECT id, case_id, body FROM case_note WHERE tenant_id = :t AND id > :after ORDER BY id LIMIT :n
          """).param("t", tenantId).param("after", after).param("n", batchSize).query().listOfRows();
      if (rows.isEmpty()) {
        return new PassResult(found, written);
      }
      List<Change> changes = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        String id = (String) row.get("id");
        String body = (String) row.get("body");
        if (body != null && FieldCipher.keyIdOf(body).map(retiring::contains).orElse(true)) {
          changes.add(new Change(id, body, protection.sealNoteBody(id, (String) row.get("case_id"), tenantId,
              protection.openNoteBody(id, tenantId, body)), null, null));
        }
      }
      found += changes.size();
      written += apply(changes, "UPDATE case_note SET body = :newA WHERE id = :id AND body = :oldA");
      after = (String) rows.get(rows.size() - 1).get("id");
    }
  }

  /** Compare-and-set in one transaction; a row a user changed meanwhile is left to the next pass. */
  private int apply(List<Change> changes, String sql) {
    if (changes.isEmpty()) {
      return 0;
    }
    return transaction.execute(s -> {
      int n = 0;
      for (Change c : changes) {
        var statement = jdbc.sql(sql).param("id", c.id()).param("oldA", c.oldA()).param("newA", c.newA());
        if (sql.contains(":oldB")) {
          statement = statement.param("oldB", c.oldB()).param("newB", c.newB());
        }
        n += statement.update();
      }
      return n;
    });
  }
}
