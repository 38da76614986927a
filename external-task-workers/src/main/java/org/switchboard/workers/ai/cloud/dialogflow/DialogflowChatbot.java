package org.switchboard.workers.ai.cloud.dialogflow;

import com.google.cloud.dialogflow.v2.QueryResult;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.ProviderSettings;

/**
 * The tenant's Dialogflow ES agent as first responder. It hands over to a person when the agent falls back,
 * when its confidence is below {@code minConfidence} (default 0.6), or when it matched one of the
 * {@code handoffIntents} (comma separated; default {@code human_handoff}). The tenant's own knowledge base is
 * not used: the agent carries its own.
 */
public class DialogflowChatbot implements Chatbot, AutoCloseable {

  private final DialogflowSession session;
  private final double minConfidence;
  private final Set<String> handoffIntents;

  public DialogflowChatbot(ProviderSettings settings) {
    this.session = new DialogflowSession(settings);
    this.minConfidence = Double.parseDouble(settings.getOrDefault("minConfidence", "0.6"));
    this.handoffIntents = Arrays.stream(settings.getOrDefault("handoffIntents", "human_handoff").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
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
  public BotReply reply(BotTurn turn) {
    QueryResult result = session.detectIntent(turn.sessionId(), turn.text(), turn.language());
    String intent = result.hasIntent() ? result.getIntent().getDisplayName() : null;
    double confidence = result.getIntentDetectionConfidence();
    String handoffReason = null;
    if (result.hasIntent() && result.getIntent().getIsFallback()) {
      handoffReason = "the agent did not understand";
    } else if (intent != null && handoffIntents.contains(intent)) {
      handoffReason = "the person asked for a human";
    } else if (confidence < minConfidence) {
      handoffReason = "confidence below threshold";
    } else if (result.getFulfillmentText().isBlank()) {
      handoffReason = "the agent had no answer";
    }
    boolean handoff = handoffReason != null;
    return new BotReply(handoff ? null : result.getFulfillmentText(), confidence, handoff, intent, handoffReason);
  }

  @Override
  public void close() {
    session.close();
  }
}
