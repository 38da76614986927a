package org.switchboard.workers.ai.cloud.dialogflow;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.dialogflow.v2.DetectIntentRequest;
import com.google.cloud.dialogflow.v2.QueryInput;
import com.google.cloud.dialogflow.v2.QueryResult;
import com.google.cloud.dialogflow.v2.SessionName;
import com.google.cloud.dialogflow.v2.SessionsClient;
import com.google.cloud.dialogflow.v2.SessionsSettings;
import com.google.cloud.dialogflow.v2.TextInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.switchboard.workers.ai.AiProvider.Availability;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * A Dialogflow ES agent reached over gRPC ({@code Sessions.DetectIntent}). Settings: {@code projectId},
 * {@code endpoint} (default {@code dialogflow.googleapis.com:443}; a regional endpoint or a local server),
 * {@code plaintext=true} for a server without TLS (tests, a local emulator; then no credentials are sent),
 * {@code languageCode} (default {@code en}), {@code timeoutMs}; secret {@code credentialsJson}: the content of a
 * service-account key, resolved by the gateway from the environment.
 */
public class DialogflowSession implements AutoCloseable {

  static final String ID = "dialogflow-es";

  private final ProviderSettings settings;
  private final Availability availability;
  private final SessionsClient client;

  public DialogflowSession(ProviderSettings settings) {
    this.settings = settings;
    boolean plaintext = "true".equalsIgnoreCase(settings.getOrDefault("plaintext", "false"));
    Optional<String> project = settings.get("projectId");
    Optional<String> credentials = settings.get("credentialsJson");
    if (project.isEmpty()) {
      availability = Availability.unavailable("no projectId: name the Dialogflow agent's Google Cloud project");
      client = null;
    } else if (credentials.isEmpty() && !plaintext) {
      availability = Availability.unavailable("no credentials: set the credentialsJson secret reference to an "
          + "environment variable holding a service-account key");
      client = null;
    } else {
      client = open(settings.getOrDefault("endpoint", "dialogflow.googleapis.com:443"), plaintext, credentials);
      availability = Availability.ok();
    }
  }

  private static SessionsClient open(String endpoint, boolean plaintext, Optional<String> credentialsJson) {
    try {
      SessionsSettings.Builder builder = SessionsSettings.newBuilder().setEndpoint(endpoint);
      if (plaintext) {
        builder.setCredentialsProvider(NoCredentialsProvider.create())
            .setTransportChannelProvider(SessionsSettings.defaultGrpcTransportProviderBuilder()
                .setChannelConfigurator(channel -> channel.usePlaintext()).build());
      } else {
        GoogleCredentials credentials = GoogleCredentials.fromStream(
            new ByteArrayInputStream(credentialsJson.orElseThrow().getBytes(StandardCharsets.UTF_8)))
            .createScoped(List.of("https://www.googleapis.com/auth/dialogflow"));
        builder.setCredentialsProvider(FixedCredentialsProvider.create(credentials));
      }
      return SessionsClient.create(builder.build());
    } catch (IOException e) {
      throw new IllegalArgumentException("Dialogflow client could not be set up (credentials unreadable?)", e);
    }
  }

  Availability availability() {
    return availability;
  }

  String version() {
    return "v2:" + settings.getOrDefault("projectId", "?");
  }

  /** Text in, Dialogflow's query result out; every failure is an {@link AiUnavailableException}. */
  QueryResult detectIntent(String sessionId, String text, String language) {
    if (client == null) {
      throw new AiUnavailableException(ID + " is not available: " + availability.reason());
    }
    DetectIntentRequest request = DetectIntentRequest.newBuilder()
        .setSession(SessionName.of(settings.get("projectId").orElseThrow(), sessionId).toString())
        .setQueryInput(QueryInput.newBuilder().setText(TextInput.newBuilder().setText(text)
            .setLanguageCode(language == null || "und".equals(language)
                ? settings.getOrDefault("languageCode", "en") : language)))
        .build();
    try {
      return client.detectIntentCallable().futureCall(request)
          .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).getQueryResult();
    } catch (TimeoutException e) {
      throw new AiUnavailableException(ID + " timed out", e);
    } catch (ExecutionException e) {
      throw new AiUnavailableException(ID + " failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AiUnavailableException(ID + " interrupted", e);
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
