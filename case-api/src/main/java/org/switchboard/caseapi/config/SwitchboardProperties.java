package org.switchboard.caseapi.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Everything under {@code switchboard.*}; see application.yaml for what each key means. */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Admin admin,
    @DefaultValue Files files,
    @DefaultValue Kafka kafka) {

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
}
