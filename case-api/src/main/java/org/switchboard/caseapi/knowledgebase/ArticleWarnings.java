package org.switchboard.caseapi.knowledgebase;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;
import org.switchboard.workers.ai.PiiDetector.PiiType;
import org.switchboard.workers.ai.offline.pii.RulePiiDetector;

/**
 * Articles are the tenant's content, not personal data, and the bot sends them to anyone who asks. Something that
 * looks like personal data in one (a caseworker's mobile number, a survivor's name pasted from a case) is worth a
 * second look, but a helpline's own number or address is legitimate, so this only warns. Dates and links are
 * routine in answers and not reported. Runs the offline rule detector in this process: the text goes nowhere.
 */
@Component
public class ArticleWarnings {

  private static final Set<PiiType> IGNORED = EnumSet.of(PiiType.DATE, PiiType.URL);

  private final RulePiiDetector detector;

  public ArticleWarnings(AiGatewayProperties properties) {
    this.detector = new RulePiiDetector(properties.defaultRegion());
  }

  /** @param field the request field, {@code type} the kind of personal data it seems to hold */
  public record Warning(String field, String type, String message) {
  }

  public List<Warning> of(KnowledgeArticle a) {
    List<Warning> warnings = new ArrayList<>();
    check("question", a.question(), warnings);
    for (int i = 0; i < a.alternativeQuestions().size(); i++) {
      check("alternativeQuestions[" + i + "]", a.alternativeQuestions().get(i), warnings);
    }
    check("answer", a.answer(), warnings);
    return warnings;
  }

  private void check(String field, String text, List<Warning> warnings) {
    Set<PiiType> types = new LinkedHashSet<>();
    for (PiiEntity e : detector.detect(text, null)) {
      if (!IGNORED.contains(e.type())) {
        types.add(e.type());
      }
    }
    types.forEach(t -> warnings.add(new Warning(field, t.name(), "looks like personal data ("
        + t.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): published articles are shown to anyone who asks")));
  }
}
