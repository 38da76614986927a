package org.switchboard.caseapi.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.crypto.DataKeyRepository.DataKeyRow;
import org.switchboard.caseapi.crypto.KeyEncryptionKeys.Kek;

/**
 * Data-encryption keys per tenant and data subject, stored only wrapped by the tenant's KEK. Each key
 * counts its encryptions (reserved in blocks in data_key_usage, so a crash over-counts rather than
 * forgets) and is replaced by a new version before it reaches the configured limit (below 2^32).
 */
@Component
public class DataKeys {

  private static final Logger log = LoggerFactory.getLogger(DataKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CACHE_SIZE = 10_000;

  private final DataKeyRepository repository;
  private final KeyEncryptionKeys keks;
  private final TransactionTemplate newTransaction;
  private final Clock clock;
  private final long maxInvocations;
  private final long reservation;
  private final Map<String, SecretKey> material = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
          return size() > CACHE_SIZE;
        }
      });
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

  public DataKeys(DataKeyRepository repository, KeyEncryptionKeys keks, PlatformTransactionManager txm, Clock clock,
      SwitchboardProperties properties) {
    this.repository = repository;
    this.keks = keks;
    this.newTransaction = new TransactionTemplate(txm);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.maxInvocations = Math.min(properties.crypto().maxInvocationsPerKey(), 1L << 32);
    this.reservation = Math.max(1, Math.min(properties.crypto().invocationReservation(), maxInvocations));
  }

  /** A data key ready to encrypt with; each {@link #seal} spends one invocation of its budget. */
  public final class ActiveKey {
    private final String id;
    private final SecretKey key;

    ActiveKey(String id, SecretKey key) {
      this.id = id;
      this.key = key;
    }

    public String id() {
      return id;
    }

    /** {@code nonce | ciphertext | tag}; throws {@link KeyExhaustedException} when the key is used up. */
    public byte[] seal(byte[] aad, byte[] plaintext) {
      budgets.computeIfAbsent(id, Budget::new).take();
      return Aead.seal(key, aad, plaintext);
    }

    /**
     * A one-off key derived from this data key (HKDF with a fresh random salt per file), so streamed
     * content never spends the data key's GCM nonce budget.
     */
    SecretKey derive(byte[] salt, byte[] info) {
      return Aead.aesKey(Aead.hkdf(key.getEncoded(), salt, info, 32));
    }
  }

  /**
   * The subject's active key, created on first use. Inside a transaction its row stays locked until
   * commit, so a rotation that retires the key waits until this writer's ciphertext is visible to it.
   */
  public ActiveKey active(String tenantId, Subject subject) {
    boolean lock = TransactionSynchronizationManager.isActualTransactionActive();
    for (int attempt = 0; attempt < 5; attempt++) {
      var row = repository.findActive(tenantId, subject, lock);
      if (row.isPresent()) {
        return new ActiveKey(row.get().id(), material(row.get()));
      }
      create(tenantId, subject);
    }
    throw new IllegalStateException("No active data key could be created for " + subject.type() + " " + subject.id());
  }

  /** Key material for decryption, whatever the key's state. */
  SecretKey material(String keyId) {
    SecretKey cached = material.get(keyId);
    if (cached != null) {
      return cached;
    }
    DataKeyRow row = repository.findById(keyId)
        .orElseThrow(() -> new DecryptionFailedException("Data key " + keyId + " does not exist", null));
    return material(row);
  }

  /**
   * Crypto-shredding: deletes every version of the subject's data key, so each ciphertext written under
   * it fails to decrypt from now on, in live tables and in backups alike. Returns how many key versions
   * were destroyed. Other nodes may hold the unwrapped key in their cache until they restart or evict it.
   */
  public int shred(String tenantId, Subject subject) {
    List<String> ids = repository.deleteSubject(tenantId, subject);
    ids.forEach(id -> {
      material.remove(id);
      budgets.remove(id);
    });
    return ids.size();
  }

  /** Retires a used-up key in the caller's transaction; the next {@link #active} call creates its successor. */
  void retireExhausted(String keyId) {
    repository.setState(keyId, DataKeyRepository.RETIRING, null);
    log.warn("Data key {} reached its invocation limit and was replaced; its rows move on the next rotation run",
        keyId);
  }

  String wrap(String tenantId, String keyId, SecretKey dek, Kek kek) {
    return Base64.getEncoder().encodeToString(Aead.seal(kek.key(), wrapAad(tenantId, keyId), dek.getEncoded()));
  }

  SecretKey unwrap(DataKeyRow row) {
    Kek kek = keks.byId(row.tenantId(), row.kekId());
    try {
      return Aead.aesKey(Aead.open(kek.key(), wrapAad(row.tenantId(), row.id()),
          Base64.getDecoder().decode(row.wrappedKey())));
    } catch (AEADBadTagException e) {
      throw new DecryptionFailedException("Data key " + row.id() + " does not unwrap under " + row.kekId(), e);
    }
  }

  private SecretKey material(DataKeyRow row) {
    SecretKey cached = material.get(row.id());
    if (cached != null) {
      return cached;
    }
    SecretKey key = unwrap(row);
    material.put(row.id(), key);
    return key;
  }

  private void create(String tenantId, Subject subject) {
    Kek kek = keks.current(tenantId);
    try {
      newTransaction.executeWithoutResult(s -> {
        String id = UUID.randomUUID().toString();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        SecretKey dek = Aead.aesKey(raw);
        repository.insert(new DataKeyRow(id, tenantId, subject, repository.nextVersion(tenantId, subject),
            DataKeyRepository.ACTIVE, wrap(tenantId, id, dek, kek), kek.id(), clock.instant(), null));
      });
    } catch (DuplicateKeyException concurrentCreation) {
      // Another writer created this version first; the caller reads it.
    }
  }

  private static byte[] wrapAad(String tenantId, String keyId) {
    return ("switchboard-dek-v1;" + tenantId + ";" + keyId).getBytes(StandardCharsets.UTF_8);
  }

  /** Invocations this node may still spend on one key, reserved from the database in blocks. */
  private final class Budget {
    private final String keyId;
    private long used;
    private long reservedUpTo;

    Budget(String keyId) {
      this.keyId = keyId;
    }

    synchronized void take() {
      if (used >= reservedUpTo) {
        long total = newTransaction.execute(s -> repository.reserve(keyId, reservation));
        if (total > maxInvocations) {
          throw new KeyExhaustedException(keyId);
        }
        reservedUpTo = total;
        used = total - reservation;
      }
      used++;
    }
  }

  /** The key reached its invocation limit; encrypt again under its successor. */
  public static class KeyExhaustedException extends RuntimeException {
    private final String keyId;

    KeyExhaustedException(String keyId) {
      super("Data key " + keyId + " reached its invocation limit");
      this.keyId = keyId;
    }

    public String keyId() {
      return keyId;
    }
  }
}
