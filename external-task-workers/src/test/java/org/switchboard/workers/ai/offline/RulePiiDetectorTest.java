package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.ai.PiiDetector;
import org.switchboard.workers.ai.PiiDetector.PiiEntity;
import org.switchboard.workers.ai.PiiDetector.PiiType;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.offline.pii.RulePiiDetectorFactory;

class RulePiiDetectorTest {

  private final PiiDetector detector = new RulePiiDetectorFactory().create(ProviderSettings.none());

  private Map<PiiType, List<String>> found(String text, String region) {
    return detector.detect(text, region).stream().collect(Collectors.groupingBy(PiiEntity::type,
        Collectors.mapping(e -> text.substring(e.start(), e.end()), Collectors.toList())));
  }

  @Test
  void phonesEmailsUrlsAndIps() {
    String text = "Call me on 07911 123456 or +34 612 34 56 78, mail jane.doe+help@example.org, "
        + "see https://example.org/help?id=7. Logged from 192.168.10.4 and 2001:db8:85a3::8a2e:370:7334";
    Map<PiiType, List<String>> f = found(text, "GB");
    assertThat(f.get(PiiType.PHONE)).containsExactly("07911 123456", "+34 612 34 56 78");
    assertThat(f.get(PiiType.EMAIL)).containsExactly("jane.doe+help@example.org");
    assertThat(f.get(PiiType.URL)).containsExactly("https://example.org/help?id=7");
    assertThat(f.get(PiiType.IP_ADDRESS)).containsExactly("192.168.10.4", "2001:db8:85a3::8a2e:370:7334");
  }

  @Test
  void spanishNumbersWithTheSpanishRegion() {
    Map<PiiType, List<String>> f = found("Mi móvil es 612 345 678 y mi DNI 12345678Z", "ES");
    assertThat(f.get(PiiType.PHONE)).containsExactly("612 345 678");
    assertThat(f.get(PiiType.NATIONAL_ID)).containsExactly("12345678Z");
  }

  @Test
  void cardsNeedLuhnAndIbansNeedMod97() {
    String text = "Card 4111 1111 1111 1111 exp 12/27, not 4111 1111 1111 1112. "
        + "IBAN GB82 WEST 1234 5698 7654 32 please; fake GB82 WEST 1234 5698 7654 33.";
    Map<PiiType, List<String>> f = found(text, "GB");
    assertThat(f.get(PiiType.CARD_NUMBER)).containsExactly("4111 1111 1111 1111");
    assertThat(f.get(PiiType.IBAN)).containsExactly("GB82 WEST 1234 5698 7654 32");
    assertThat(found("ES91 2100 0418 4502 0005 1332", "ES").get(PiiType.IBAN)).hasSize(1);
  }

  @Test
  void identifiersAreNotPersonalData() {
    String text = "Case 5f3c9a2e-1b7d-4c11-9e55-0a2b3c4d5e6f, order #4111111111111111, ticket 20231187, "
        + "SKU AB4111111111111111, pedido nº 912345678";
    assertThat(detector.detect(text, "ES")).isEmpty();
    assertThat(detector.detect("12345678-1234-1234-1234-123456789012", "GB")).isEmpty();
  }

  @Test
  void numbersFromUnassignedOrFictionalRangesAreStillPhoneNumbers() {
    Map<PiiType, List<String>> f = found("Call me on +44 7700 900123 or 07700 900456, order 55512", "GB");
    assertThat(f.get(PiiType.PHONE)).containsExactly("+44 7700 900123", "07700 900456");
  }

  @Test
  void datesPostcodesAndAddresses() {
    String text = "Born 14/03/1988, moved on 2 March 2024 to Flat 3, 12 Baker Street, London NW1 6XE. "
        + "Antes vivía en Calle de Alcalá 23, 2º B, CP 28014 desde el 5 de mayo de 2019. "
        + "Ship to 500 Main St, Springfield, IL 62701";
    Map<PiiType, List<String>> f = found(text, "GB");
    assertThat(f.get(PiiType.DATE)).contains("14/03/1988", "2 March 2024", "5 de mayo de 2019");
    assertThat(f.get(PiiType.ADDRESS)).contains("Flat 3, 12 Baker Street", "500 Main St");
    assertThat(f.get(PiiType.ADDRESS)).anyMatch(a -> a.startsWith("Calle de Alcalá 23"));
    assertThat(f.get(PiiType.POSTCODE)).contains("NW1 6XE", "28014", "62701");
  }

  @Test
  void namesOnlyWhereTheTextIntroducesThem() {
    String text = "Hi, my name is Ana Ruiz. Me llamo María de la Fuente y hablé con la Sra. López. "
        + "Please call me back, I live near Hyde Park with my Mum.";
    assertThat(found(text, "GB").get(PiiType.PERSON_NAME))
        .containsExactly("Ana Ruiz", "María de la Fuente", "López");
  }
}
