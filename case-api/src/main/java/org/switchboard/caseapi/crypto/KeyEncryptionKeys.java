package org.switchboard.caseapi.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.crypto.SecretKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.crypto.MasterKeys.MasterKey;

/**
 * Per-tenant key-encryption keys, derived with HKDF-SHA256 from the master key over the tenant id and a
 * KEK version. Only the version number is stored (tenant_kek); the keys exist in memory only. A KEK id
 * ({@code <master fingerprint>:<version>}) names the key that wrapped a data key.
 */
@Component
public class KeyEncryptionKeys {

  private static final byte[] SALT = "switchboard-kek-v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PSEUDONYM_SALT = "switchboard-pseudonym-v1".getBytes(StandardCharsets.UTF_8);

  private final MasterKeys masterKeys;
  private final DataKeyRepository repository;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  public KeyEncryptionKeys(MasterKeys masterKeys, DataKeyRepository repository, PlatformTransactionManager txm,
      Clock clock) {
    this.masterKeys = masterKeys;
    this.repository = repository;
    this.newTransaction = new TransactionTemplate(txm);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  public record Kek(String id, SecretKey key) {
  }

  /** The KEK new data keys are wrapped with. */
  public Kek current(String tenantId) {
    int version = repository.kekVersion(tenantId, false).orElseGet(() -> firstVersion(tenantId));
    return derive(tenantId, masterKeys.current(), version);
  }

  /** The KEK a stored data key names; previous versions and previous master keys stay derivable. */
  Kek byId(String tenantId, String kekId) {
    int colon = kekId.lastIndexOf(':');
    MasterKey master = masterKeys.byId(kekId.substring(0, colon)).orElseThrow(() -> new DecryptionFailedException(
        "Master key " + kekId.substring(0, colon) + " is not configured", null));
    return derive(tenantId, master, Integer.parseInt(kekId.substring(colon + 1)));
  }

  /** Makes a new KEK version current for the tenant (in the caller's transaction); returns it. */
  Kek advance(String tenantId) {
    int current = repository.kekVersion(tenantId, true).orElseGet(() -> {
      firstVersion(tenantId);
      return repository.kekVersion(tenantId, true).orElseThrow();
    });
    repository.updateKekVersion(tenantId, current + 1, clock.instant());
    return derive(tenantId, masterKeys.current(), current + 1);
  }

  private int firstVersion(String tenantId) {
    try {
      newTransaction.executeWithoutResult(s -> repository.insertKekVersion(tenantId, 1, clock.instant()));
    } catch (DuplicateKeyException concurrentFirstUse) {
      // Another writer created it; its version is as good as ours.
    }
    return repository.kekVersion(tenantId, false).orElseThrow();
  }

  /**
   * The tenant's pseudonymisation key: HKDF of the tenant's first KEK under the current master key, so it
   * survives KEK rotations (pseudonyms stay stable) and changes only when the master key is replaced.
   */
  byte[] pseudonymKey(String tenantId) {
    byte[] info = ("tenant:" + tenantId + ":pseudonym").getBytes(StandardCharsets.UTF_8);
    return Aead.hkdf(derive(tenantId, masterKeys.current(), 1).key().getEncoded(), PSEUDONYM_SALT, info, 32);
  }

  private static Kek derive(String tenantId, MasterKey master, int version) {
    byte[] info = ("tenant:" + tenantId + ":kek:" + version).getBytes(StandardCharsets.UTF_8);
    return new Kek(master.id() + ":" + version, Aead.aesKey(Aead.hkdf(master.material(), SALT, info, 32)));
  }
}
