package org.switchboard.workers.ai.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.cloud.google.GoogleLanguageSentimentAnalyzer;
import org.switchboard.workers.ai.cloud.google.GoogleSpeechTranscriber;
import org.switchboard.workers.ai.cloud.google.GoogleTranslateTranslator;
import org.switchboard.workers.ai.cloud.translate.DeepLTranslator;
import org.switchboard.workers.ai.cloud.translate.LibreTranslateTranslator;

/** DeepL, LibreTranslate and Google's HTTP APIs, each against WireMock speaking its protocol. */
class HttpCloudProvidersTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ProviderSettings settings(String key) {
    return new ProviderSettings(key == null ? Map.of("baseUrl", api.baseUrl())
        : Map.of("baseUrl", api.baseUrl(), "apiKey", key));
  }

  @Test
  void deepLSendsTheKeyInItsHeaderAndUpperCaseLanguages() {
    api.stubFor(post(urlEqualTo("/v2/translate")).willReturn(okJson(
        "{\"translations\": [{\"detected_source_language\": \"ES\", \"text\": \"I am scared\"}]}")));

    var translation = new DeepLTranslator(settings("dl-key")).translate("Tengo miedo", null, "en");

    assertThat(translation.text()).isEqualTo("I am scared");
    assertThat(translation.detectedSourceLanguage()).isEqualTo("es");
    api.verify(postRequestedFor(urlEqualTo("/v2/translate"))
        .withHeader("Authorization", equalTo("DeepL-Auth-Key dl-key"))
        .withRequestBody(matchingJsonPath("$.target_lang", equalTo("EN")))
        .withRequestBody(matchingJsonPath("$.text[0]", equalTo("Tengo miedo"))));
    assertThat(new DeepLTranslator(new ProviderSettings(Map.of())).availability().available()).isFalse();
  }

  @Test
  void libreTranslateWorksWithoutKeyOnAnOwnServer() {
    api.stubFor(post(urlEqualTo("/translate")).willReturn(okJson(
        "{\"translatedText\": \"Hello\", \"detectedLanguage\": {\"confidence\": 90, \"language\": \"fr\"}}")));

    var libre = new LibreTranslateTranslator(settings(null));
    assertThat(libre.availability().available()).isTrue();
    var translation = libre.translate("Bonjour", null, "en");

    assertThat(translation.text()).isEqualTo("Hello");
    assertThat(translation.detectedSourceLanguage()).isEqualTo("fr");
    api.verify(postRequestedFor(urlEqualTo("/translate"))
        .withRequestBody(matchingJsonPath("$.source", equalTo("auto")))
        .withRequestBody(matchingJsonPath("$.format", equalTo("text"))));
    assertThat(new LibreTranslateTranslator(new ProviderSettings(Map.of())).availability().reason())
        .contains("baseUrl");
  }

  @Test
  void googleTranslateUsesTheKeyParameter() {
    api.stubFor(post(urlPathEqualTo("/language/translate/v2")).willReturn(okJson(
        "{\"data\": {\"translations\": [{\"translatedText\": \"Help me\", \"detectedSourceLanguage\": \"de\"}]}}")));

    var translation = new GoogleTranslateTranslator(settings("g-key")).translate("Hilf mir", null, "en");

    assertThat(translation.text()).isEqualTo("Help me");
    assertThat(translation.detectedSourceLanguage()).isEqualTo("de");
    api.verify(postRequestedFor(urlPathEqualTo("/language/translate/v2")).withQueryParam("key", equalTo("g-key")));
  }

  @Test
  void googleSpeechSendsBase64AudioAndJoinsResults() {
    api.stubFor(post(urlPathEqualTo("/v1/speech:recognize")).willReturn(okJson("""
        {"results": [{"alternatives": [{"transcript": "I need help", "confidence": 0.9}], "languageCode": "en-us"},
                     {"alternatives": [{"transcript": "right now", "confidence": 0.8}]}]}""")));
    byte[] audio = {10, 20, 30};

    var transcript = new GoogleSpeechTranscriber(settings("g-key")).transcribe(audio, "audio/flac", "en-GB");

    assertThat(transcript.text()).isEqualTo("I need help right now");
    assertThat(transcript.language()).isEqualTo("en");
    api.verify(postRequestedFor(urlPathEqualTo("/v1/speech:recognize"))
        .withQueryParam("key", equalTo("g-key"))
        .withRequestBody(matchingJsonPath("$.audio.content", equalTo(Base64.getEncoder().encodeToString(audio))))
        .withRequestBody(matchingJsonPath("$.config.encoding", equalTo("FLAC")))
        .withRequestBody(matchingJsonPath("$.config.languageCode", equalTo("en-GB"))));
  }

  @Test
  void googleLanguageSentimentTurnsNegativeEmotionIntoDistress() {
    api.stubFor(post(urlPathEqualTo("/v1/documents:analyzeSentiment")).willReturn(okJson(
        "{\"documentSentiment\": {\"score\": -0.9, \"magnitude\": 4.2}, \"language\": \"en\"}")));

    var sentiment = new GoogleLanguageSentimentAnalyzer(settings("g-key")).analyze("I am terrified", "en");

    assertThat(sentiment.label()).isEqualTo("NEGATIVE");
    assertThat(sentiment.distress()).isGreaterThan(0.8);
    api.stubFor(post(urlPathEqualTo("/v1/documents:analyzeSentiment")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> new GoogleLanguageSentimentAnalyzer(settings("g-key")).analyze("x", "en"))
        .isInstanceOf(AiUnavailableException.class).hasMessageContaining("503");
  }
}
