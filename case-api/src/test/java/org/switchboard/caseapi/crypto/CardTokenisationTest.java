package org.switchboard.caseapi.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/** Card numbers entered in descriptions and notes are replaced by vault tokens, never stored or logged in clear. */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class CardTokenisationTest {

  static final Pattern TOKEN = Pattern.compile("\\[card:(tok_[a-z]{24})]");
  static final String VISA = "4111111111111111";
  static final String MASTERCARD = "5555555555554444";

  @Autowired
  TestFixtures fixtures;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  CardVault vault;
  @Autowired
  Pseudonymizer pseudonymizer;

  String tenant;
  ApiClient agent;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.as(fixtures.agent(tenant));
  }

  @Test
  void cardNumbersInDescriptionsAndNotesBecomeTokensAndAreNeverStoredOrLogged(CapturedOutput output) {
    JsonNode created = createCase("Caller paid with 4111 1111 1111 1111 exp 12/27");
    String caseId = created.path("id").asText();
    assertThat(created.path("description").asText()).doesNotContain("4111").matches(".*\\[card:tok_[a-z]{24}] exp 12/27");
    ApiClient.Response note = agent.post("/api/v1/cases/" + caseId + "/notes",
        Map.of("body", "Second card 5555-5555-5555-4444, first " + VISA));
    assertThat(note.status()).as(note.toString()).isEqualTo(201);
    ApiClient.Response patched = agent.patch("/api/v1/cases/" + caseId,
        Map.of("description", "Refund to 5555 5555 5555 4444", "version", created.path("version").asLong()));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

    String noteBody = agent.get("/api/v1/cases/" + caseId + "/notes").json().path("items").get(0).path("body").asText();
    List<String> tokens = tokens(noteBody);
    assertThat(tokens).hasSize(2);
    assertThat(vault.detokenize(tenant, tokens.get(0))).contains(MASTERCARD);
    assertThat(vault.detokenize(tenant, tokens.get(1))).contains(VISA);
    String description = agent.get("/api/v1/cases/" + caseId).json().path("description").asText();
    assertThat(vault.detokenize(tenant, tokens(description).get(0))).contains(MASTERCARD);
    assertThat(vault.detokenize(fixtures.tenant("generic"), tokens.get(0))).isEmpty();

    List<String> vaultRows = jdbc.sql("SELECT pan FROM card_vault WHERE case_id = :id").param("id", caseId)
        .query(String.class).list();
    assertThat(vaultRows).hasSize(4).allSatisfy(pan -> assertThat(pan).startsWith("v1:"));
    for (String pan : List.of(VISA, MASTERCARD, "4111 1111 1111 1111", "5555-5555-5555-4444", "5555 5555 5555 4444")) {
      assertThat(output.getAll()).doesNotContain(pan);
      assertThat(dump()).noneMatch(v -> v.contains(pan));
    }
  }

  @Test
  void pseudonymsAreStablePerTenantAndDifferAcrossTenants() {
    String other = fixtures.tenant("generic");
    String a = pseudonymizer.token(tenant, "+44 20 7946 0958");

    assertThat(a).startsWith(Pseudonymizer.PREFIX).hasSize(Pseudonymizer.PREFIX.length() + 27)
        .isEqualTo(pseudonymizer.token(tenant, "+44 20 7946 0958"))
        .isNotEqualTo(pseudonymizer.token(tenant, "+44 20 7946 0959"))
        .isNotEqualTo(pseudonymizer.token(other, "+44 20 7946 0958"))
        .doesNotContain("7946");
    assertThat(pseudonymizer.token(tenant, null)).isNull();
  }

  /** Every text column where the typed values could have landed. */
  private List<String> dump() {
    return jdbc.sql("""
        SELECT COALESCE(description, '') || COALESCE(custom_fields, '') || title FROM case_record
        UNION ALL SELECT body FROM case_note
        UNION ALL SELECT COALESCE(fields, '') || COALESCE(detail, '') FROM case_change
        UNION ALL SELECT payload FROM outbox_event
        UNION ALL SELECT details FROM audit_event
        UNION ALL SELECT pan FROM card_vault
        UNION ALL SELECT COALESCE(TEXT_, '') || COALESCE(TEXT2_, '') FROM ACT_HI_VARINST
        """).query(String.class).list();
  }

  private static List<String> tokens(String text) {
    Matcher m = TOKEN.matcher(text);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private JsonNode createCase(String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", "general-enquiry");
    body.put("title", "Payment question");
    body.put("description", description);
    body.put("intake", Map.of("category", "general", "immediateDanger", false));
    ApiClient.Response response = agent.post("/api/v1/cases", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }
}
