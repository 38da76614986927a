package org.switchboard.caseapi.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.config.SwitchboardProperties.Crypto;

/**
 * The root of the key hierarchy, from outside the database: a PKCS12 keystore, the environment
 * ({@code SWITCHBOARD_MASTER_KEY}), or, for the embedded default only, a generated key file. The first
 * key is current; previous ones only unwrap data keys until a KEK rotation re-wraps them.
 */
@Component
public class MasterKeys {

  private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

  private final List<MasterKey> keys;

  public MasterKeys(SwitchboardProperties properties) {
    this.keys = List.copyOf(load(properties));
  }

  public MasterKey current() {
    return keys.get(0);
  }

  public Optional<MasterKey> byId(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /**
   * One master key. The id is a fingerprint (truncated SHA-256 over a label and the key), so wrapped
   * data keys can name the master they depend on without revealing anything about it.
   */
  public record MasterKey(String id, byte[] material) {

    static MasterKey of(byte[] material) {
      if (material.length != 32) {
        throw new IllegalStateException("A master key must be 32 bytes (AES-256), got " + material.length);
      }
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("switchboard-master-key-id".getBytes(StandardCharsets.UTF_8));
        return new MasterKey(HexFormat.of().formatHex(sha.digest(material), 0, 8), material.clone());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static List<MasterKey> load(SwitchboardProperties properties) {
    Crypto crypto = properties.crypto();
    List<MasterKey> keys = new ArrayList<>();
    if (crypto.keystore().path() != null && !crypto.keystore().path().toString().isBlank()) {
      keys.addAll(fromKeystore(crypto.keystore()));
    } else if (crypto.masterKey() != null && !crypto.masterKey().isBlank()) {
      keys.add(MasterKey.of(decode(crypto.masterKey(), "switchboard.crypto.master-key")));
    } else {
      Path file = crypto.keyFile() != null ? crypto.keyFile() : properties.dataDir().resolve("master.key");
      keys.add(MasterKey.of(fromKeyFile(file)));
    }
    if (crypto.previousMasterKeys() != null) {
      for (String previous : crypto.previousMasterKeys()) {
        if (previous != null && !previous.isBlank()) {
          keys.add(MasterKey.of(decode(previous, "switchboard.crypto.previous-master-keys")));
        }
      }
    }
    return keys;
  }

  private static byte[] decode(String base64, String setting) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(setting + " is not base64", e);
    }
  }

  private static List<MasterKey> fromKeystore(SwitchboardProperties.Keystore config) {
    char[] password = config.password() == null ? new char[0] : config.password().toCharArray();
    try (InputStream in = Files.newInputStream(config.path())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      List<String> aliases = new ArrayList<>();
      aliases.add(config.alias());
      if (config.previousAliases() != null) {
        aliases.addAll(config.previousAliases());
      }
      List<MasterKey> keys = new ArrayList<>();
      for (String alias : aliases) {
        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
        if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
          throw new IllegalStateException("Keystore " + config.path() + " has no secret key '" + alias + "'");
        }
        keys.add(MasterKey.of(secret.getSecretKey().getEncoded()));
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read keystore " + config.path(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not open keystore " + config.path(), e);
    }
  }

  /** Embedded default only: a key next to the data it protects is a convenience, not a protection. */
  private static byte[] fromKeyFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
          return readKeyFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.TRUNCATE_EXISTING);
        log.warn("No master key configured: generated {} (owner-only permissions). Production must set "
            + "SWITCHBOARD_MASTER_KEY or a keystore (switchboard.crypto.keystore.*); keep this file backed up "
            + "apart from the database, without it encrypted data cannot be read.", file.toAbsolutePath());
        return key;
      }
      log.warn("Using the generated master key file {}; production must set SWITCHBOARD_MASTER_KEY or a keystore",
          file.toAbsolutePath());
      return readKeyFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create or read the master key file " + file, e);
    }
  }

  private static byte[] readKeyFile(Path file) throws IOException {
    return decode(Files.readString(file), file.toString());
  }
}
