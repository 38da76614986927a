package org.switchboard.caseapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

// Workers, channel senders and AI providers (module external-task-workers) run in-process by default.
@SpringBootApplication(scanBasePackages = {"org.switchboard.caseapi", "org.switchboard.workers"})
@ConfigurationPropertiesScan({"org.switchboard.caseapi", "org.switchboard.workers"})
@EnableScheduling
public class SwitchboardApplication {

  public static void main(String[] args) {
    SpringApplication.run(SwitchboardApplication.class, args);
  }
}
