package org.switchboard.workerapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;

/**
 * The remote worker process: every worker, sender and provider of {@code org.switchboard.workers}, fed by
 * case-api's {@code /engine-rest} and internal endpoints instead of running inside case-api. No web server. Its
 * settings file is {@code switchboard-workers.yaml} (not {@code application.yaml}, which is case-api's), so the
 * library jar can sit on case-api's class path without changing case-api's configuration. Auto-configuration is a
 * fixed list rather than whatever the class path offers: a worker never gets a DataSource or an engine by accident.
 */
@SpringBootConfiguration
@ComponentScan({"org.switchboard.workers", "org.switchboard.workerapp"})
@ConfigurationPropertiesScan("org.switchboard.workers")
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class, SslAutoConfiguration.class, RestClientAutoConfiguration.class,
    MailSenderAutoConfiguration.class, TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class})
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
