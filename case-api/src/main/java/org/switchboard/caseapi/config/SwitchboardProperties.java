package org.switchboard.caseapi.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Everything under {@code switchboard.*}; see application.yaml for what each key means. */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Admin admin,
    @DefaultValue Files files,
    @DefaultValue Kafka kafka,
    @DefaultValue Crypto crypto) {

  @ConstructorBinding
  public SwitchboardProperties {
  }

  /** For code and tests that build settings by hand and need no encryption settings. */
  public SwitchboardProperties(Path dataDir, Admin admin, Files files, Kafka kafka) {
    this(dataDir, admin, files, kafka, null);
  }

  public record Admin(@DefaultValue("admin") String username, String password) {
  }

  public record Files(@DefaultValue("local") String store, Path root, @DefaultValue("25MB") DataSize maxSize,
      @DefaultValue("26MB") DataSize maxRequestSize) {
  }

  public record Kafka(
      String bootstrapServers,
      @DefaultValue("switchboard.case-events") String topic,
      @DefaultValue("1s") Duration relayInterval,
      @DefaultValue("200") int batchSize,
      @DefaultValue("10s") Duration sendTimeout,
      @DefaultValue("7d") Duration retention) {

    public boolean enabled() {
      return bootstrapServers != null && !bootstrapServers.isBlank();
    }
  }

  /**
   * Envelope encryption (docs/data-protection.md). The master key comes from the environment
   * ({@code masterKey}, base64 of 32 bytes) or a PKCS12 keystore; without either, the embedded default
   * generates {@code keyFile} on first start.
   */
  public record Crypto(
      String masterKey,
      List<String> previousMasterKeys,
      @DefaultValue Keystore keystore,
      Path keyFile,
      @DefaultValue("4000000000") long maxInvocationsPerKey,
      @DefaultValue("1024") int invocationReservation,
      @DefaultValue("200") int rotationBatchSize) {
  }

  public record Keystore(Path path, String password, @DefaultValue("switchboard-master") String alias,
      List<String> previousAliases) {
  }
}
