package org.switchboard.caseapi.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.workers.ai.AiService;
import org.switchboard.workers.ai.Chatbot;
import org.switchboard.workers.ai.Chatbot.BotReply;
import org.switchboard.workers.ai.Chatbot.BotTurn;
import org.switchboard.workers.ai.IntentClassifier;
import org.switchboard.workers.ai.IntentClassifier.IntentModel;
import org.switchboard.workers.ai.IntentClassifier.IntentResult;
import org.switchboard.workers.ai.KeywordDetector;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.LanguageDetector;
import org.switchboard.workers.ai.LanguageDetector.LanguageGuess;
import org.switchboard.workers.ai.PiiDetector;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;
import org.switchboard.workers.ai.SentimentAnalyzer;
import org.switchboard.workers.ai.SentimentAnalyzer.Sentiment;
import org.switchboard.workers.ai.Summarizer;
import org.switchboard.workers.ai.Summarizer.Summary;
import org.switchboard.workers.ai.Transcriber;
import org.switchboard.workers.ai.Transcriber.Transcript;
import org.switchboard.workers.ai.Translator;
import org.switchboard.workers.ai.Translator.Translation;

/**
 * The AI gateway: one method per service, for controllers, use cases and workers alike. Each call follows the
 * tenant's configuration (toggle, provider chain, redaction, quota) and is recorded for audit; see
 * {@link AiCalls} for the path and {@link AiOutcome} for what callers must handle.
 */
@Component
public class AiGateway {

  private final AiCalls calls;
  private final ObjectMapper mapper;
  private final AiGatewayProperties properties;

  public AiGateway(AiCalls calls, ObjectMapper mapper, AiGatewayProperties properties) {
    this.calls = calls;
    this.mapper = mapper;
    this.properties = properties;
  }

  /** Risk phrases; offsets refer to {@code text} even when an external provider saw it redacted. */
  public AiOutcome<List<KeywordMatch>> keywords(String tenantId, String text, String language, Lexicon lexicon,
      AiContext context) {
    return calls.<KeywordDetector, List<KeywordMatch>>call(tenantId, AiService.KEYWORDS, context,
        input("text", text, "language", language, "lexicon", lexicon.id(), "lexiconVersion", lexicon.version()),
        list(KeywordMatch.class), true, (p, r) -> {
          List<KeywordMatch> found = p.detect(r.apply(text, properties.defaultRegion()), language, lexicon);
          if (!r.active()) {
            return found;
          }
          return found.stream().map(m -> new KeywordMatch(m.phrase(), r.originalOffset(m.start()),
              Math.max(r.originalOffset(m.start()), r.originalOffset(m.end())), m.severity(), m.category(),
              m.negated())).toList();
        });
  }

  public AiOutcome<Sentiment> sentiment(String tenantId, String text, String language, AiContext context) {
    return calls.<SentimentAnalyzer, Sentiment>call(tenantId, AiService.SENTIMENT, context,
        input("text", text, "language", language), type(Sentiment.class), true,
        (p, r) -> p.analyze(r.apply(text, properties.defaultRegion()), language));
  }

  /** Placeholders the provider kept in the summary are replaced by the original values again. */
  public AiOutcome<Summary> summarize(String tenantId, List<String> utterances, String language, int maxSentences,
      AiContext context) {
    return calls.<Summarizer, Summary>call(tenantId, AiService.SUMMARY, context,
        input("utterances", utterances, "language", language, "maxSentences", maxSentences), type(Summary.class),
        true, (p, r) -> {
          List<String> out = new ArrayList<>();
          utterances.forEach(u -> out.add(r.apply(u, properties.defaultRegion())));
          Summary s = p.summarize(out, language, maxSentences);
          return new Summary(r.restore(s.text()), s.keyPoints().stream().map(r::restore).toList());
        });
  }

  public AiOutcome<LanguageGuess> detectLanguage(String tenantId, String text, AiContext context) {
    return calls.<LanguageDetector, LanguageGuess>call(tenantId, AiService.LANGUAGE, context, input("text", text),
        type(LanguageGuess.class), true, (p, r) -> p.detect(r.apply(text, properties.defaultRegion())));
  }

  /** Placeholders the provider kept in the translation are replaced by the original values again. */
  public AiOutcome<Translation> translate(String tenantId, String text, String sourceLanguage, String targetLanguage,
      AiContext context) {
    return calls.<Translator, Translation>call(tenantId, AiService.TRANSLATION, context,
        input("text", text, "source", sourceLanguage, "target", targetLanguage), type(Translation.class), true,
        (p, r) -> {
          Translation t = p.translate(r.apply(text, properties.defaultRegion()), sourceLanguage, targetLanguage);
          return new Translation(r.restore(t.text()), t.detectedSourceLanguage());
        });
  }

  public AiOutcome<List<PiiEntity>> detectPii(String tenantId, String text, String defaultRegion,
      AiContext context) {
    // PII detection itself is never redacted: an external PII provider needs to see the values to find them.
    return calls.<PiiDetector, List<PiiEntity>>call(tenantId, AiService.PII, context,
        input("text", text, "region", defaultRegion), list(PiiEntity.class), false,
        (p, r) -> p.detect(text, defaultRegion));
  }

  public AiOutcome<IntentResult> classifyIntent(String tenantId, String text, String language, IntentModel model,
      AiContext context) {
    return calls.<IntentClassifier, IntentResult>call(tenantId, AiService.INTENT, context,
        input("text", text, "language", language, "model", model.id(), "modelVersion", model.version()),
        type(IntentResult.class), true,
        (p, r) -> p.classify(r.apply(text, properties.defaultRegion()), language, model));
  }

  public AiOutcome<BotReply> chatbotReply(String tenantId, BotTurn turn, AiContext context) {
    return calls.<Chatbot, BotReply>call(tenantId, AiService.CHATBOT, context,
        input("session", turn.sessionId(), "text", turn.text(), "language", turn.language(), "knowledgeBase",
            turn.knowledgeBase()),
        type(BotReply.class), true, (p, r) -> {
          BotReply reply = p.reply(new BotTurn(turn.tenantId(), turn.sessionId(),
              r.apply(turn.text(), properties.defaultRegion()), turn.language(), turn.knowledgeBase()));
          return new BotReply(r.restore(reply.text()), reply.confidence(), reply.handoff(), reply.matched(),
              reply.handoffReason());
        });
  }

  /** Audio cannot be redacted: while redaction is on, only providers running in this process transcribe. */
  public AiOutcome<Transcript> transcribe(String tenantId, byte[] audio, String contentType, String languageHint,
      AiContext context) {
    return calls.<Transcriber, Transcript>call(tenantId, AiService.TRANSCRIPTION, context,
        input("audioSha256", Hashes.sha256(Base64.getEncoder().encodeToString(audio)), "contentType", contentType,
            "language", languageHint),
        type(Transcript.class), false, (p, r) -> p.transcribe(audio, contentType, languageHint));
  }

  private String input(Object... pairs) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    try {
      return mapper.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("AI input is not serialisable", e);
    }
  }

  private JavaType type(Class<?> type) {
    return mapper.getTypeFactory().constructType(type);
  }

  private JavaType list(Class<?> element) {
    return mapper.getTypeFactory().constructCollectionType(List.class, element);
  }
}
