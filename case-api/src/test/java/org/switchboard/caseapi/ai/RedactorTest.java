package org.switchboard.caseapi.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.ai.redaction.Redactor;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;
import org.switchboard.workers.ai.PiiDetector.PiiType;

class RedactorTest {

  private static final Pattern EMAIL = Pattern.compile("[\\w.]+@[\\w.]+\\w");

  private final Redactor redactor = new Redactor((text, region) -> {
    List<PiiEntity> found = new ArrayList<>();
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      found.add(new PiiEntity(PiiType.EMAIL, m.start(), m.end(), 1));
    }
    return found;
  });

  @Test
  void theSameValueGetsTheSamePlaceholderAcrossTextsAndComesBackInTheAnswer() {
    String first = redactor.apply("Write to ann@example.org please", "GB");
    String second = redactor.apply("ann@example.org or bob@example.org", "GB");

    assertThat(first).isEqualTo("Write to [EMAIL_1] please");
    assertThat(second).isEqualTo("[EMAIL_1] or [EMAIL_2]");
    assertThat(redactor.restore("Contact [EMAIL_2], not [EMAIL_1]"))
        .isEqualTo("Contact bob@example.org, not ann@example.org");
    assertThat(redactor.found()).isEqualTo(3);
  }

  @Test
  void offsetsInTheRedactedTextMapBackToTheOriginal() {
    String original = "Mail ann@example.org: he has a gun";
    String redacted = redactor.apply(original, "GB");
    int at = redacted.indexOf("gun");

    assertThat(redacted).isEqualTo("Mail [EMAIL_1]: he has a gun");
    assertThat(original.substring(redactor.originalOffset(at), redactor.originalOffset(at + 3))).isEqualTo("gun");
    assertThat(redactor.originalOffset(redacted.indexOf("[EMAIL_1]") + 2)).isEqualTo(original.indexOf("ann"));
    assertThat(Redactor.NONE.apply(original, "GB")).isEqualTo(original);
  }

  @Test
  void overlappingFindingsAreMergedSoNothingLeaks() {
    Redactor overlapping = new Redactor((text, region) -> List.of(new PiiEntity(PiiType.PHONE, 4, 10, 0.9),
        new PiiEntity(PiiType.CARD_NUMBER, 6, 14, 0.9)));
    assertThat(overlapping.apply("ref 0123456789", "GB")).isEqualTo("ref [PHONE_1]");
  }

  @Test
  void withTheOfflineDetectorPlaceholdersAreTypedAndANumberlessOneIsRestoredWhenUnambiguous() {
    var detector = new org.switchboard.workers.ai.offline.pii.RulePiiDetector("GB");
    Redactor rules = new Redactor(detector::detect);
    String text = "Text 07911 123456 or email a@b.co; again 07911 123456. Card 4111-1111-1111-1111.";

    String redacted = rules.apply(text, "GB");

    assertThat(redacted).isEqualTo("Text [PHONE_1] or email [EMAIL_1]; again [PHONE_1]. Card [CARD_1].");
    assertThat(rules.restore("Call [PHONE_1] or write to [EMAIL]; keep [IBAN_9]"))
        .isEqualTo("Call 07911 123456 or write to a@b.co; keep [IBAN_9]");
  }
}
