package org.switchboard.workers.ai.offline.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.workers.text.CardNumbers;
import org.switchboard.workers.ai.PiiDetector;

/**
 * Offline personal-data detection ({@code offline-rules}): phone numbers through libphonenumber's matcher (valid
 * numbers for the region, or any region when written with a country code), e-mail addresses, URLs, IPv4/IPv6
 * addresses, payment cards (13–19 digits passing Luhn), IBANs (country length and mod-97), Spanish DNI/NIE (check
 * letter), UK National Insurance and US Social Security numbers, dates (numeric, ISO, and written in English or
 * Spanish), UK postcodes, US ZIP codes after a state, Spanish postcodes after "CP", and street addresses in common
 * English and Spanish forms.
 *
 * <p>Identifiers are left alone: numbers inside a UUID, digits glued to letters, and numbers introduced as an order,
 * invoice, reference, ticket or tracking number ({@code pedido}, {@code factura}, {@code referencia}, {@code nº}) are
 * not reported as phones or cards. When findings overlap, the more specific type wins (e-mail over URL, IBAN and
 * card over phone, ...). Person names are found only where the text introduces them ({@code my name is Ana Ruiz},
 * {@code me llamo María de la Fuente}, {@code Mrs Patel}, {@code Sra. López}): OpenNLP has no name models on Maven
 * Central, and guessing names from capital letters would flag half of every sentence.
 */
public final class RulePiiDetector implements PiiDetector {

  public static final String ID = "offline-rules";

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+");
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])");
  private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![\\w:])[0-9A-Fa-f:]{2,39}(?![\\w:])");
  private static final Pattern UUID = Pattern.compile(
      "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  private static final Pattern IBAN = Pattern.compile(
      "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])");
  private static final Pattern DNI = Pattern.compile("(?<![A-Za-z0-9])([XYZ]?)(\\d{7,8})-?([A-Z])(?![A-Za-z0-9])");
  private static final Pattern UK_NINO = Pattern.compile(
      "(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])");
  private static final Pattern US_SSN = Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])");
  private static final String MONTHS_EN = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
      + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
  private static final String MONTHS_ES = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre"
      + "|octubre|noviembre|diciembre";
  private static final Pattern DATE_NUMERIC = Pattern.compile(
      "(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/.-])");
  private static final Pattern DATE_ISO = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
  private static final Pattern DATE_TEXT = Pattern.compile("(?i)\\b(?:"
      + "\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:" + MONTHS_EN + ")\\.?(?:,?\\s+\\d{4})?"
      + "|(?:" + MONTHS_EN + ")\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?"
      + "|\\d{1,2}\\s+de\\s+(?:" + MONTHS_ES + ")(?:\\s+(?:de|del)\\s+\\d{4})?"
      + ")\\b");
  private static final Pattern UK_POSTCODE = Pattern.compile(
      "(?<![A-Za-z0-9])(?:[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)(?![A-Za-z0-9])"
      + "|(?<![A-Za-z0-9])(?i:[a-z]{1,2}\\d[a-z\\d]? \\d[abd-hjlnp-uw-z]{2})(?![A-Za-z0-9])");
  private static final Pattern US_ZIP = Pattern.compile("\\b([A-Z]{2}),? (\\d{5}(?:-\\d{4})?)(?![\\d-])");
  private static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
      "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
      "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
      "WI", "WY", "DC", "PR");
  private static final Pattern ES_POSTCODE = Pattern.compile("(?i)\\b(?:C\\.\\s?P\\.|CP|c[oó]digo postal)\\s*:?\\s*(\\d{5})(?!\\d)");
  private static final Pattern ADDRESS_EN = Pattern.compile(
      "\\b(?:(?:Flat|Apt|Apartment|Unit|Suite)\\s+\\w{1,4},?\\s+)?\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'-]+\\s+){1,3}"
      + "(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Court|Ct|Place|Pl|Terrace|"
      + "Crescent|Gardens|Grove|Square|Sq|Hill|Row|Mews|Parkway|Highway|Hwy)\\b\\.?");
  private static final Pattern ADDRESS_ES = Pattern.compile(
      "(?:(?<=\\s)|^)(?:[Cc]alle|C/|[Aa]venida|Avda\\.?|Av\\.|[Pp]laza|Pza\\.?|[Pp]aseo|[Cc]amino|[Cc]arrera|"
      + "[Rr]onda|[Tt]ravesía)\\s*(?:(?:de|del|de la|de los|de las)\\s+)?"
      + "[\\p{Lu}][\\p{L}]+(?:\\s+(?:de\\s+)?[\\p{Lu}][\\p{L}]+){0,3},?\\s*(?:n[º°o]\\.?\\s*)?\\d{1,4}[A-Za-z]?"
      + "(?:,?\\s*\\d{1,2}[º°ª]?\\s*[A-Za-z]?(?![\\w]))?");
  /** Names only where the text introduces them: no name model exists offline, so guessing would mislead. */
  private static final Pattern INTRODUCED_NAME = Pattern.compile(
      "(?:(?i:my name is|my name's|i am called|i'm called|call me|me llamo|mi nombre es|name\\s*:|nombre\\s*:)"
      + "|\\b(?:Mr|Mrs|Ms|Miss|Dr|Sr|Sra|Srta|Dña|Don)\\.?)\\s+"
      + "(\\p{Lu}[\\p{L}'-]+(?:\\s+(?:de\\s+(?:la\\s+)?)?\\p{Lu}[\\p{L}'-]+){0,3})");
  private static final Pattern IDENTIFIER_CONTEXT = Pattern.compile(
      "(?i)(?:order|ref|reference|invoice|ticket|case|tracking|booking|pedido|factura|referencia|expediente|"
      + "n[º°o]|num|number|#)\\W{0,3}$");

  private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
      Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
      Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
      Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26),
      Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
      Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28),
      Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
      Map.entry("SM", 27), Map.entry("VA", 22), Map.entry("BR", 29), Map.entry("MX", 18), Map.entry("TR", 26),
      Map.entry("SA", 24), Map.entry("AE", 23), Map.entry("IL", 23), Map.entry("UA", 29));

  private final String defaultRegion;

  public RulePiiDetector(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "rules-1+libphonenumber";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public Availability availability() {
    return Availability.ok();
  }

  private record Candidate(PiiType type, int start, int end, double confidence, int priority) {
  }

  @Override
  public List<PiiEntity> detect(String text, String region) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String regionCode = region == null || region.isBlank() ? defaultRegion : region.toUpperCase(Locale.ROOT);
    List<int[]> uuids = spans(UUID, text);
    List<Candidate> found = new ArrayList<>();
    add(found, EMAIL, text, PiiType.EMAIL, 0.99, 1);
    for (int[] url : spans(URL, text)) {
      int end = url[1];
      while (end > url[0] && ".,;:!?)]}'\"".indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
      found.add(new Candidate(PiiType.URL, url[0], end, 0.95, 2));
    }
    ibans(text, found);
    cards(text, uuids, found);
    nationalIds(text, found);
    add(found, IPV4, text, PiiType.IP_ADDRESS, 0.9, 6);
    Matcher v6 = IPV6_CANDIDATE.matcher(text);
    while (v6.find()) {
      if (isIpv6(v6.group())) {
        found.add(new Candidate(PiiType.IP_ADDRESS, v6.start(), v6.end(), 0.9, 6));
      }
    }
    dates(text, found);
    // POSSIBLE, not VALID: numbers from ranges libphonenumber calls unassigned (new ranges, fictional-use ones
    // like +44 7700 900xxx) are still somebody's number to a redactor; they only get a lower confidence.
    for (PhoneNumberMatch m : PHONES.findNumbers(text, regionCode, PhoneNumberUtil.Leniency.POSSIBLE,
        Long.MAX_VALUE)) {
      boolean valid = PHONES.isValidNumber(m.number());
      // A merely possible number must look like a full one (10+ digits), or postcodes and years would qualify.
      boolean fullLength = m.rawString().chars().filter(Character::isDigit).count() >= 10;
      if ((valid || fullLength) && !insideAny(uuids, m.start(), m.end()) && !identifierContext(text, m.start())) {
        found.add(new Candidate(PiiType.PHONE, m.start(), m.end(), valid ? 0.9 : 0.6, 8));
      }
    }
    Matcher name = INTRODUCED_NAME.matcher(text);
    while (name.find()) {
      found.add(new Candidate(PiiType.PERSON_NAME, name.start(1), name.end(1), 0.7, 11));
    }
    add(found, ADDRESS_EN, text, PiiType.ADDRESS, 0.7, 9);
    add(found, ADDRESS_ES, text, PiiType.ADDRESS, 0.7, 9);
    add(found, UK_POSTCODE, text, PiiType.POSTCODE, 0.8, 10);
    Matcher zip = US_ZIP.matcher(text);
    while (zip.find()) {
      if (US_STATES.contains(zip.group(1))) {
        found.add(new Candidate(PiiType.POSTCODE, zip.start(2), zip.end(2), 0.8, 10));
      }
    }
    Matcher cp = ES_POSTCODE.matcher(text);
    while (cp.find()) {
      found.add(new Candidate(PiiType.POSTCODE, cp.start(1), cp.end(1), 0.8, 10));
    }
    return resolve(found);
  }

  private static List<PiiEntity> resolve(List<Candidate> found) {
    found.sort(Comparator.comparingInt(Candidate::priority).thenComparingInt(c -> c.start() - c.end()));
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : found) {
      boolean overlaps = false;
      for (Candidate k : kept) {
        if (c.start() < k.end() && k.start() < c.end()) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps && c.end() > c.start()) {
        kept.add(c);
      }
    }
    kept.sort(Comparator.comparingInt(Candidate::start));
    return kept.stream().map(c -> new PiiEntity(c.type(), c.start(), c.end(), c.confidence())).toList();
  }

  private static void add(List<Candidate> found, Pattern pattern, String text, PiiType type, double confidence,
      int priority) {
    for (int[] s : spans(pattern, text)) {
      found.add(new Candidate(type, s[0], s[1], confidence, priority));
    }
  }

  private static List<int[]> spans(Pattern pattern, String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }

  private static boolean insideAny(List<int[]> ranges, int start, int end) {
    for (int[] r : ranges) {
      if (start < r[1] && end > r[0]) {
        return true;
      }
    }
    return false;
  }

  private static boolean identifierContext(String text, int start) {
    int from = Math.max(0, start - 24);
    return IDENTIFIER_CONTEXT.matcher(text.substring(from, start)).find();
  }

  /** Card numbers as the card vault finds them (Luhn, 13-19 digits in groups), unless inside an id. */
  private static void cards(String text, List<int[]> uuids, List<Candidate> found) {
    for (CardNumbers.Found card : CardNumbers.find(text)) {
      if (!insideAny(uuids, card.start(), card.end()) && !identifierContext(text, card.start())) {
        found.add(new Candidate(PiiType.CARD_NUMBER, card.start(), card.end(), 0.95, 4));
      }
    }
  }

  /** Candidates are trimmed group by group from the right until the country length and mod-97 agree. */
  private static void ibans(String text, List<Candidate> found) {
    Matcher m = IBAN.matcher(text);
    while (m.find()) {
      int end = m.end();
      while (end > m.start()) {
        String compact = text.substring(m.start(), end).replace(" ", "");
        Integer length = IBAN_LENGTHS.get(compact.substring(0, 2));
        if (length != null && compact.length() == length && mod97(compact)) {
          found.add(new Candidate(PiiType.IBAN, m.start(), end, 0.99, 3));
          break;
        }
        int space = text.lastIndexOf(' ', end - 1);
        if (space <= m.start()) {
          break;
        }
        end = space;
      }
    }
  }

  static boolean mod97(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      if (Character.isDigit(c)) {
        digits.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        digits.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  private static void nationalIds(String text, List<Candidate> found) {
    Matcher dni = DNI.matcher(text);
    while (dni.find()) {
      String prefix = dni.group(1);
      String number = dni.group(2);
      if (prefix.isEmpty() && number.length() != 8) {
        continue;
      }
      String lead = switch (prefix) {
        case "X" -> "0";
        case "Y" -> "1";
        case "Z" -> "2";
        default -> "";
      };
      long n = Long.parseLong(lead + number);
      if ("TRWAGMYFPDXBNJZSQVHLCKE".charAt((int) (n % 23)) == dni.group(3).charAt(0)) {
        found.add(new Candidate(PiiType.NATIONAL_ID, dni.start(), dni.end(), 0.95, 5));
      }
    }
    add(found, UK_NINO, text, PiiType.NATIONAL_ID, 0.85, 5);
    add(found, US_SSN, text, PiiType.NATIONAL_ID, 0.8, 5);
  }

  private static void dates(String text, List<Candidate> found) {
    Matcher m = DATE_NUMERIC.matcher(text);
    while (m.find()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(3));
      boolean dayMonth = a >= 1 && a <= 31 && b >= 1 && b <= 12;
      boolean monthDay = a >= 1 && a <= 12 && b >= 1 && b <= 31;
      if (dayMonth || monthDay) {
        found.add(new Candidate(PiiType.DATE, m.start(), m.end(), 0.85, 7));
      }
    }
    Matcher iso = DATE_ISO.matcher(text);
    while (iso.find()) {
      int month = Integer.parseInt(iso.group(2));
      int day = Integer.parseInt(iso.group(3));
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        found.add(new Candidate(PiiType.DATE, iso.start(), iso.end(), 0.9, 7));
      }
    }
    add(found, DATE_TEXT, text, PiiType.DATE, 0.8, 7);
  }

  static boolean isIpv6(String s) {
    if (s.chars().filter(c -> c == ':').count() < 2 || s.startsWith(":") && !s.startsWith("::")
        || s.endsWith(":") && !s.endsWith("::")) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = s.replace("::", ":#:").split(":");
    int count = 0;
    int hexDigits = 0;
    for (String g : groups) {
      if (g.equals("#") || g.isEmpty()) {
        continue;
      }
      if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return false;
      }
      count++;
      hexDigits += g.length();
    }
    boolean compressed = doubleColon >= 0;
    return (compressed ? count < 8 : count == 8) && hexDigits >= 3;
  }
}
