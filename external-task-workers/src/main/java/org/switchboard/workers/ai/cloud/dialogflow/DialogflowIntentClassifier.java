package org.switchboard.workers.ai.cloud.dialogflow;

import com.google.cloud.dialogflow.v2.QueryResult;
import java.util.List;
import java.util.UUID;
import org.switchboard.workers.ai.IntentClassifier;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * Intent of a message according to the tenant's Dialogflow ES agent (whose intents replace the sector's model;
 * name them alike). Each call uses a throw-away session so classifications do not influence each other.
 */
public class DialogflowIntentClassifier implements IntentClassifier, AutoCloseable {

  private final DialogflowSession session;

  public DialogflowIntentClassifier(ProviderSettings settings) {
    this.session = new DialogflowSession(settings);
  }

  @Override
  public String id() {
    return DialogflowSession.ID;
  }

  @Override
  public String version() {
    return session.version();
  }

  @Override
  public boolean external() {
    return true;
  }

  @Override
  public Availability availability() {
    return session.availability();
  }

  @Override
  public IntentResult classify(String text, String language, IntentModel model) {
    QueryResult result = session.detectIntent("classify-" + UUID.randomUUID(), text, language);
    if (!result.hasIntent() || result.getIntent().getIsFallback()) {
      return new IntentResult(null, 0, List.of());
    }
    String intent = result.getIntent().getDisplayName();
    double confidence = result.getIntentDetectionConfidence();
    return new IntentResult(intent, confidence, List.of(new IntentResult.Scored(intent, confidence)));
  }

  @Override
  public void close() {
    session.close();
  }
}
