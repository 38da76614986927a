package org.switchboard.workerapp;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The remote worker process: every worker, sender and provider of {@code org.switchboard.workers}, fed by
 * case-api's {@code /engine-rest} and internal endpoints instead of running inside case-api. No web server. Its
 * settings file is {@code switchboard-workers.yaml} (not {@code application.yaml}, which is case-api's), so the
 * library jar can sit on case-api's class path without changing case-api's configuration.
 */
@SpringBootApplication(scanBasePackages = {"org.switchboard.workers", "org.switchboard.workerapp"})
@ConfigurationPropertiesScan("org.switchboard.workers")
public class WorkerApplication {

  public static final String CONFIG_NAME = "switchboard-workers";

  public static void main(String[] args) {
    builder().run(args);
  }

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(WorkerApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
