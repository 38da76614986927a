package org.switchboard.workers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardNumbersTest {

  @Test
  void findsLuhnValidNumbersOfThirteenToNineteenDigitsWithSpacesOrDashes() {
    assertThat(digits("Card 4111111111111111 please")).containsExactly("4111111111111111");
    assertThat(digits("Card 4111 1111 1111 1111, thanks")).containsExactly("4111111111111111");
    assertThat(digits("Amex 3782-822463-10005")).containsExactly("378282246310005");
    assertThat(digits("13 digits 4222222222222 and 19 digits 6011 0009 9013 9424 000"))
        .hasSize(2).contains("4222222222222");
  }

  @Test
  void findsTheNumberNextToExpiryDatesAndOtherNumbers() {
    assertThat(digits("4111 1111 1111 1111 12/27 cvc 123")).containsExactly("4111111111111111");
    assertThat(digits("ref 1234 4111 1111 1111 1111")).containsExactly("4111111111111111");
    List<CardNumbers.Found> found = CardNumbers.find("x 5555-5555-5555-4444 y");
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.start()).isEqualTo(2);
      assertThat(f.end()).isEqualTo(21);
    });
  }

  @Test
  void leavesOtherNumbersAlone() {
    assertThat(digits("4111 1111 1111 1112")).isEmpty(); // Luhn fails
    assertThat(digits("call 020 7946 0958 or 123456789012")).isEmpty(); // too short
    assertThat(digits("order 41111111111111111111111")).isEmpty(); // one run of 23 digits
    assertThat(digits("4111  1111  1111  1111")).isEmpty(); // groups of too few digits each
    assertThat(digits(null)).isEmpty();
    // Luhn-valid digits across the dashes of a case id, seen in a concurrency test's note bodies
    assertThat(digits("77adf595-2032-4b45-9816-5500942dac11 note 0")).isEmpty();
    assertThat(digits("12345678-1234-4234-9234-123456789012")).isEmpty(); // an all-digit UUID
    assertThat(digits("ref AB4111111111111111")).isEmpty(); // glued to letters: an identifier
  }

  private static List<String> digits(String text) {
    return CardNumbers.find(text).stream().map(CardNumbers.Found::digits).toList();
  }
}
