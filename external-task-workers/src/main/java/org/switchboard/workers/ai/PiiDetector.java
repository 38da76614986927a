package org.switchboard.workers.ai;

import java.util.List;

/** Finds personal data in text, for insight and for redaction before text leaves for an external provider. */
public interface PiiDetector extends AiProvider {

  /** @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. {@code GB} */
  List<PiiEntity> detect(String text, String defaultRegion);

  enum PiiType {
    PHONE, EMAIL, CARD_NUMBER, IBAN, DATE, ADDRESS, POSTCODE, NATIONAL_ID, URL, IP_ADDRESS, PERSON_NAME
  }

  /** {@code start}/{@code end} are char offsets ({@code end} exclusive); the value itself is not repeated. */
  record PiiEntity(PiiType type, int start, int end, double confidence) {
  }
}
