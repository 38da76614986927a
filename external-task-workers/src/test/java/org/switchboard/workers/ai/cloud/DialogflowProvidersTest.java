package org.switchboard.workers.ai.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.dialogflow.v2.DetectIntentRequest;
import com.google.cloud.dialogflow.v2.DetectIntentResponse;
import com.google.cloud.dialogflow.v2.Intent;
import com.google.cloud.dialogflow.v2.QueryResult;
import com.google.cloud.dialogflow.v2.SessionsGrpc;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Chatbot.BotTurn;
import org.switchboard.workers.ai.IntentClassifier.IntentModel;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.cloud.dialogflow.DialogflowChatbot;
import org.switchboard.workers.ai.cloud.dialogflow.DialogflowIntentClassifier;

/**
 * Dialogflow ES over real gRPC: a Sessions service implemented in this JVM on a localhost port, reached by the
 * google-cloud-dialogflow client exactly as it reaches Google (only endpoint and TLS differ).
 */
class DialogflowProvidersTest {

  static Server server;
  static final List<DetectIntentRequest> received = new CopyOnWriteArrayList<>();

  /** A tiny agent: opening hours, a handoff intent, and a fallback for everything else. */
  static class FakeAgent extends SessionsGrpc.SessionsImplBase {
    @Override
    public void detectIntent(DetectIntentRequest request, StreamObserver<DetectIntentResponse> response) {
      received.add(request);
      String text = request.getQueryInput().getText().getText().toLowerCase();
      QueryResult.Builder result = QueryResult.newBuilder().setQueryText(text)
          .setLanguageCode(request.getQueryInput().getText().getLanguageCode());
      if (text.contains("maybe")) {
        result.setIntent(Intent.newBuilder().setDisplayName("opening_hours"))
            .setIntentDetectionConfidence(0.31f).setFulfillmentText("We might be open.");
      } else if (text.contains("open")) {
        result.setIntent(Intent.newBuilder().setDisplayName("opening_hours"))
            .setIntentDetectionConfidence(0.92f).setFulfillmentText("We are open every day, day and night.");
      } else if (text.contains("person")) {
        result.setIntent(Intent.newBuilder().setDisplayName("human_handoff"))
            .setIntentDetectionConfidence(0.95f).setFulfillmentText("Connecting you.");
      } else {
        result.setIntent(Intent.newBuilder().setDisplayName("Default Fallback Intent").setIsFallback(true))
            .setIntentDetectionConfidence(1f).setFulfillmentText("Sorry, could you say that again?");
      }
      response.onNext(DetectIntentResponse.newBuilder().setQueryResult(result).build());
      response.onCompleted();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new FakeAgent())
        .build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private static ProviderSettings settings() {
    return new ProviderSettings(Map.of("projectId", "helpline-agent", "endpoint", "127.0.0.1:" + server.getPort(),
        "plaintext", "true", "timeoutMs", "5000"));
  }

  private static BotTurn turn(String text) {
    return new BotTurn("tenant-1", "conv-42", text, "en", List.of());
  }

  @Test
  void answersWhatTheAgentKnowsInTheConversationsSession() {
    try (DialogflowChatbot bot = new DialogflowChatbot(settings())) {
      var reply = bot.reply(turn("When are you open?"));

      assertThat(reply.handoff()).isFalse();
      assertThat(reply.text()).isEqualTo("We are open every day, day and night.");
      assertThat(reply.matched()).isEqualTo("opening_hours");
      assertThat(received.get(received.size() - 1).getSession())
          .isEqualTo("projects/helpline-agent/agent/sessions/conv-42");
    }
  }

  @Test
  void handsOverOnFallbackOnRequestAndBelowTheThreshold() {
    try (DialogflowChatbot bot = new DialogflowChatbot(settings())) {
      assertThat(bot.reply(turn("blue elephants")).handoffReason()).isEqualTo("the agent did not understand");
      assertThat(bot.reply(turn("can I talk to a person")).handoffReason()).isEqualTo("the person asked for a human");
      var unsure = bot.reply(turn("maybe open?"));
      assertThat(unsure.handoff()).isTrue();
      assertThat(unsure.text()).isNull();
      assertThat(unsure.handoffReason()).isEqualTo("confidence below threshold");
    }
  }

  @Test
  void classifiesIntentsWithAFreshSessionEachTime() {
    IntentModel ignored = new IntentModel("m", "1", List.of());
    try (DialogflowIntentClassifier classifier = new DialogflowIntentClassifier(settings())) {
      assertThat(classifier.classify("are you open", "en", ignored).intent()).isEqualTo("opening_hours");
      String first = received.get(received.size() - 1).getSession();
      assertThat(classifier.classify("blue elephants", "en", ignored).intent()).isNull();
      assertThat(received.get(received.size() - 1).getSession()).isNotEqualTo(first);
    }
  }

  @Test
  void reportsMissingConfigurationAndUnreachableServersHonestly() {
    var noProject = new DialogflowChatbot(new ProviderSettings(Map.of("plaintext", "true")));
    assertThat(noProject.availability().available()).isFalse();
    assertThat(noProject.availability().reason()).contains("projectId");
    var noCredentials = new DialogflowChatbot(new ProviderSettings(Map.of("projectId", "p")));
    assertThat(noCredentials.availability().reason()).contains("credentials");

    try (DialogflowChatbot down = new DialogflowChatbot(new ProviderSettings(Map.of("projectId", "p",
        "endpoint", "127.0.0.1:1", "plaintext", "true", "timeoutMs", "2000")))) {
      assertThatThrownBy(() -> down.reply(turn("hello"))).isInstanceOf(AiUnavailableException.class);
    }
  }
}
