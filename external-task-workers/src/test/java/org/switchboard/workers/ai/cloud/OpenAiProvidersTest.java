package org.switchboard.workers.ai.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Chatbot.BotTurn;
import org.switchboard.workers.ai.Chatbot.FaqEntry;
import org.switchboard.workers.ai.IntentClassifier.IntentModel;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.cloud.openai.OpenAiChatbot;
import org.switchboard.workers.ai.cloud.openai.OpenAiClient;
import org.switchboard.workers.ai.cloud.openai.OpenAiIntentClassifier;
import org.switchboard.workers.ai.cloud.openai.OpenAiSentimentAnalyzer;
import org.switchboard.workers.ai.cloud.openai.OpenAiSummarizer;
import org.switchboard.workers.ai.cloud.openai.OpenAiTranscriber;
import org.switchboard.workers.ai.cloud.openai.OpenAiTranslator;

/** The OpenAI-compatible providers against WireMock speaking the chat-completions and transcription APIs. */
class OpenAiProvidersTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiClient client(Map<String, String> extra) {
    Map<String, String> values = new java.util.HashMap<>(Map.of(
        "baseUrl", api.baseUrl() + "/v1", "apiKey", "sk-test-key", "model", "test-model", "timeoutMs", "2000"));
    values.putAll(extra);
    return new OpenAiClient(new ProviderSettings(values));
  }

  private static void answerWith(String content) throws Exception {
    api.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(JSON.writeValueAsString(
        Map.of("id", "chatcmpl-1", "choices", List.of(Map.of("index", 0,
            "message", Map.of("role", "assistant", "content", content))))))));
  }

  @Test
  void sentimentSendsOneChatCompletionWithTheKeyAndReadsTheJsonAnswer() throws Exception {
    answerWith("{\"score\": -0.8, \"distress\": 0.9, \"label\": \"negative\"}");

    var sentiment = new OpenAiSentimentAnalyzer(client(Map.of())).analyze("I can't cope anymore", "en");

    assertThat(sentiment.score()).isEqualTo(-0.8);
    assertThat(sentiment.distress()).isEqualTo(0.9);
    assertThat(sentiment.label()).isEqualTo("NEGATIVE");
    api.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer sk-test-key"))
        .withRequestBody(matchingJsonPath("$.model", equalTo("test-model")))
        .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
        .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("I can't cope anymore"))));
  }

  @Test
  void outOfRangeNumbersAreClampedAndCodeFencesTolerated() throws Exception {
    answerWith("```json\n{\"score\": -3, \"distress\": 7, \"label\": \"furious\"}\n```");

    var sentiment = new OpenAiSentimentAnalyzer(client(Map.of())).analyze("!!!", null);

    assertThat(sentiment.score()).isEqualTo(-1);
    assertThat(sentiment.distress()).isEqualTo(1);
    assertThat(sentiment.label()).isEqualTo("NEGATIVE");
  }

  @Test
  void summaryTranslationAndIntentReadTheirShapes() throws Exception {
    answerWith("{\"summary\": \"Caller needs a safe place tonight.\", \"keyPoints\": [\"safe place\", \"tonight\"]}");
    var summary = new OpenAiSummarizer(client(Map.of())).summarize(List.of("Contact: I need somewhere safe"), "en", 2);
    assertThat(summary.text()).isEqualTo("Caller needs a safe place tonight.");
    assertThat(summary.keyPoints()).containsExactly("safe place", "tonight");

    answerWith("{\"translation\": \"I am afraid\", \"sourceLanguage\": \"es\"}");
    var translation = new OpenAiTranslator(client(Map.of())).translate("Tengo miedo", null, "en");
    assertThat(translation.text()).isEqualTo("I am afraid");
    assertThat(translation.detectedSourceLanguage()).isEqualTo("es");

    IntentModel model = new IntentModel("customer-service", "1", List.of(
        new IntentModel.Intent("refund", List.of("I want my money back")),
        new IntentModel.Intent("delivery", List.of("where is my parcel"))));
    answerWith("{\"intent\": \"refund\", \"confidence\": 0.91}");
    assertThat(new OpenAiIntentClassifier(client(Map.of())).classify("money back please", "en", model).intent())
        .isEqualTo("refund");
    answerWith("{\"intent\": \"cancel_everything\", \"confidence\": 0.99}");
    assertThat(new OpenAiIntentClassifier(client(Map.of())).classify("hmm", "en", model).intent())
        .as("an intent outside the model is no intent").isNull();
  }

  @Test
  void chatbotHandsOverBelowItsConfidenceThreshold() throws Exception {
    BotTurn turn = new BotTurn("t1", "s1", "what are your opening hours?", "en",
        List.of(new FaqEntry("hours", "When are you open?", List.of(), "Every day, 24 hours.")));
    answerWith("{\"answer\": \"Every day, 24 hours.\", \"confidence\": 0.93, \"handoff\": false, \"matched\": \"hours\"}");
    var answered = new OpenAiChatbot(client(Map.of()), 0.6).reply(turn);
    assertThat(answered.handoff()).isFalse();
    assertThat(answered.text()).isEqualTo("Every day, 24 hours.");
    assertThat(answered.matched()).isEqualTo("hours");

    answerWith("{\"answer\": \"Maybe?\", \"confidence\": 0.3, \"handoff\": false, \"matched\": null}");
    var unsure = new OpenAiChatbot(client(Map.of()), 0.6).reply(turn);
    assertThat(unsure.handoff()).isTrue();
    assertThat(unsure.text()).isNull();
    api.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(containing("Every day, 24 hours.")));
  }

  @Test
  void transcriptionPostsTheAudioAsMultipartAndMapsTheLanguageName() {
    api.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).willReturn(okJson("""
        {"text": " I need help. ", "language": "english",
         "segments": [{"start": 0.0, "end": 1.2, "text": " I need help."}]}""")));

    var transcript = new OpenAiTranscriber(client(Map.of("transcriptionModel", "whisper-large-v3")))
        .transcribe(new byte[] {1, 2, 3, 4}, "audio/ogg", null);

    assertThat(transcript.text()).isEqualTo("I need help.");
    assertThat(transcript.language()).isEqualTo("en");
    assertThat(transcript.segments()).singleElement().satisfies(s -> assertThat(s.end()).isEqualTo(1.2));
    api.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))
        .withHeader("Content-Type", containing("multipart/form-data"))
        .withRequestBody(containing("whisper-large-v3"))
        .withRequestBody(containing("verbose_json"))
        .withRequestBody(containing("filename=\"audio.ogg\"")));
  }

  @Test
  void failuresBecomeUnavailableSoTheGatewayFallsBack() {
    api.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)));
    assertThatThrownBy(() -> new OpenAiSentimentAnalyzer(client(Map.of())).analyze("x", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("429").hasMessageContaining("rate limited");

    api.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)));
    assertThatThrownBy(() -> new OpenAiSentimentAnalyzer(client(Map.of())).analyze("x", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("credentials refused")
        .hasMessageNotContaining("x\"");

    api.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("{\"choices\": []}").withFixedDelay(1500)));
    assertThatThrownBy(() -> new OpenAiSentimentAnalyzer(client(Map.of("timeoutMs", "300"))).analyze("x", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("timed out");

    api.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(
        "{\"choices\": [{\"message\": {\"content\": \"I think it is negative\"}}]}")));
    assertThatThrownBy(() -> new OpenAiSentimentAnalyzer(client(Map.of())).analyze("x", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("not JSON");
  }

  @Test
  void availabilityNeedsAKeyForThePublicApiButNotForAnOwnServer() {
    var publicApi = new OpenAiSentimentAnalyzer(new OpenAiClient(new ProviderSettings(Map.of())));
    assertThat(publicApi.availability().available()).isFalse();
    assertThat(publicApi.availability().reason()).contains("apiKey");
    assertThat(publicApi.external()).isTrue();

    var ownServer = new OpenAiSentimentAnalyzer(new OpenAiClient(new ProviderSettings(
        Map.of("baseUrl", "http://whisper.internal:8000/v1", "external", "false"))));
    assertThat(ownServer.availability().available()).isTrue();
    assertThat(ownServer.external()).isFalse();
  }

  @Test
  void jsonModeCanBeTurnedOffForServersWithoutIt() throws Exception {
    answerWith("{\"score\": 0.5, \"distress\": 0, \"label\": \"POSITIVE\"}");
    new OpenAiSentimentAnalyzer(client(Map.of("jsonMode", "false"))).analyze("thanks!", "en");
    api.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(equalToJson("{\"model\": \"test-model\"}", true, true)));
    assertThat(api.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("response_format");
  }
}
