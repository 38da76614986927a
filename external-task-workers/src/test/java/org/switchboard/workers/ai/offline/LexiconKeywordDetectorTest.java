package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.KeywordDetector.KeywordMatch;
import org.switchboard.workers.ai.KeywordDetector.Lexicon;
import org.switchboard.workers.ai.Severity;
import org.switchboard.workers.ai.offline.keywords.DefaultLexicons;
import org.switchboard.workers.ai.offline.keywords.LexiconKeywordDetector;

class LexiconKeywordDetectorTest {

  private final LexiconKeywordDetector detector = new LexiconKeywordDetector();
  private final Lexicon survivor = DefaultLexicons.forSector("survivor-support");

  private List<KeywordMatch> detect(String text, String language) {
    return detector.detect(text, language, survivor);
  }

  private static Severity highest(List<KeywordMatch> matches) {
    return LexiconKeywordDetector.highest(matches);
  }

  @Test
  void findsMultiWordPhrasesWithOffsetsInTheOriginalText() {
    String text = "Please help. He's got a GUN and he's outside my door!!";
    List<KeywordMatch> matches = detect(text, "en");
    assertThat(matches).extracting(KeywordMatch::phrase).contains("got a gun", "outside my door");
    KeywordMatch gun = matches.stream().filter(m -> m.phrase().equals("got a gun")).findFirst().orElseThrow();
    assertThat(text.substring(gun.start(), gun.end())).isEqualTo("got a GUN");
    assertThat(gun.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(gun.category()).isEqualTo("weapon");
    assertThat(gun.negated()).isFalse();
  }

  @Test
  void negationWithinTheClauseIsReported() {
    assertThat(detect("I'm not afraid of him anymore", "en")).allMatch(KeywordMatch::negated).isNotEmpty();
    assertThat(detect("I'm not going to hurt myself, I promise", "en")).allMatch(KeywordMatch::negated).isNotEmpty();
    assertThat(highest(detect("I'm going to hurt myself", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(detect("No tengo miedo, estoy bien", "es")).allMatch(KeywordMatch::negated).isNotEmpty();
    assertThat(highest(detect("Tengo miedo, está afuera", "es"))).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void phrasesThatCarryTheirOwnNegationAndReversedCuesStayPositive() {
    assertThat(highest(detect("I can't take it anymore", "en"))).isEqualTo(Severity.HIGH);
    assertThat(highest(detect("I can't stop thinking about killing myself", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("no puedo dejar de pensar en matarme", "es"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("ya no quiero vivir", "es"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("I've never been so scared in my life", "en"))).isEqualTo(Severity.MEDIUM);
    assertThat(highest(detect("No, he has a gun", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("I don't know if he will kill me", "en"))).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void doubleNegativesCancel() {
    assertThat(highest(detect("it's not that I'm not scared", "en"))).isEqualTo(Severity.MEDIUM);
    assertThat(highest(detect("I never said I'm not going to hurt myself", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("I can't not think about killing myself", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(detect("I'm not going to kill myself, not tonight, not ever", "en")).allMatch(KeywordMatch::negated);
  }

  @Test
  void contractionsSlangAndElongationAreNormalised() {
    assertThat(highest(detect("honestly gonna kms tonight", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("i just wanna dieeee", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("im scaredddd he is gonna kill me", "en"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("Q miedo, x favor ayúdenme", "es"))).isEqualTo(Severity.CRITICAL);
    assertThat(highest(detect("ME VOY A MATAR", "es"))).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void oneTypoIsToleratedInLongerPhrasesOnly() {
    List<KeywordMatch> typo = detect("i feel sucidal and want to end my lfie", "en");
    assertThat(typo).extracting(KeywordMatch::phrase).contains("suicidal", "want to end my life");
    assertThat(highest(detect("he treatened to kill me", "en"))).isEqualTo(Severity.CRITICAL);
    // "hit he" is one edit from "hit me" but the phrase is too short to accept a typo
    assertThat(detect("the hit he wrote", "en")).isEmpty();
  }

  @Test
  void spanishAccentsAndMissingAccentsMeetAndOffsetsCoverTheWordsAsWritten() {
    String text = "Ayer… Tomé TODAS las pastillas!! y estoy escondida en el bano";
    List<KeywordMatch> matches = detect(text, "es");
    assertThat(matches).extracting(m -> text.substring(m.start(), m.end()))
        .contains("Tomé TODAS las pastillas", "escondida en el bano");
    assertThat(matches).extracting(KeywordMatch::phrase).contains("escondida en el baño");
  }

  @Test
  void offsetsOfExpandedContractionsCoverTheWholeWord() {
    String text = "ok so... im gonna kms";
    KeywordMatch m = detect(text, "en").get(0);
    // "im gonna kms" is "i am going to kill myself": the longest phrase ("am going to" + "kill myself", from a
    // word-class pattern) wins over "kill myself" inside it, and its span covers the words as written
    assertThat(text.substring(m.start(), m.end())).isEqualTo("im gonna kms");
    assertThat(m.phrase()).isEqualTo("am going to kill myself");
    assertThat(detect(text, "en")).hasSize(1);
    String threat = "He said: \"I'm gonna kill you\" and then \"he's gonna kill me\"";
    KeywordMatch t = detect(threat, "en").get(0);
    assertThat(threat.substring(t.start(), t.end())).isEqualTo("he's gonna kill me");
  }

  @Test
  void noFalseHitsOnIdentifiersOrOrdinaryMessages() {
    assertThat(detect("Order 5f3c9a2e-1b7d-4c11-9e55-0a2b3c4d5e6f shipped, ref KILL-2231", "en"))
        .allMatch(m -> m.severity().compareTo(Severity.HIGH) < 0);
    assertThat(detect("Can I change my appointment to Tuesday? Thanks", "en")).isEmpty();
    assertThat(detect("¿Cuál es el horario de atención?", "es")).isEmpty();
    assertThat(detect("Pedido 20231187-KNIFE-01 enviado; order #4471 GUN-SAFE cabinet", null))
        .allMatch(m -> m.severity().compareTo(Severity.HIGH) < 0);
  }

  @Test
  void languageFilterKeepsEntriesOfOtherLanguagesOut() {
    assertThat(detect("miedo", "en")).isEmpty();
    assertThat(detect("miedo", null)).isNotEmpty();
  }

  @Test
  void tenantsExtendAndOverrideTheShippedLexicon() throws Exception {
    String tenantFile = "# our own\nhe took the car keys\ten\tMEDIUM\tcoercion\nAfraid\ten\tLOW\tfear\n"
        + "i am afraid\ten\tLOW\tfear\n";
    Lexicon tenant = DefaultLexicons.extend(survivor, "tenant-7", "4",
        DefaultLexicons.parse(new java.io.StringReader(tenantFile)));
    assertThat(tenant.version()).endsWith("+4");
    assertThat(highest(detector.detect("He took the car keys again", "en", tenant))).isEqualTo(Severity.MEDIUM);
    assertThat(highest(detector.detect("I am afraid", "en", tenant))).isEqualTo(Severity.LOW);
    assertThat(highest(detector.detect("I am afraid", "en", survivor))).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void patternsExpandClassesAndGroupsWhileAQuestionMarkOnAWordIsPunctuation() throws Exception {
    String file = "@pet\tdog|cat\n[he|she] hurt my @pet? badly\ten\tHIGH\tviolence\n"
        + "are you there?\ten\tLOW\tcontact\n";
    List<String> phrases = DefaultLexicons.parse(new java.io.StringReader(file)).stream().map(Lexicon.Entry::phrase)
        .toList();
    assertThat(phrases).containsExactlyInAnyOrder("he hurt my badly", "he hurt my dog badly", "he hurt my cat badly",
        "she hurt my badly", "she hurt my dog badly", "she hurt my cat badly", "are you there?");
  }

  @Test
  void malformedLexiconLinesAreRefusedWithTheirNumber() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefaultLexicons.parse(
            new java.io.StringReader("ok\ten\tLOW\tx\nbad line\ten\tSEVERE\tx\n")))
        .hasMessageContaining("line 2");
  }

  @Test
  void largeLexiconStillMatchesExactly() {
    List<Lexicon.Entry> entries = new ArrayList<>(survivor.entries());
    for (int i = 0; i < 5000; i++) {
      entries.add(new Lexicon.Entry("synthetic phrase " + i, "en", Severity.LOW, "synthetic"));
    }
    Lexicon big = new Lexicon("big", "1", entries);
    List<KeywordMatch> matches = detector.detect("synthetic phrase 4711 and he has a knife", "en", big);
    assertThat(matches).extracting(KeywordMatch::phrase).containsExactly("synthetic phrase 4711", "has a knife");
  }
}
