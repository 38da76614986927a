package org.switchboard.caseapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.RepositoryFiles;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;

/**
 * The API contract is checked in (docs/openapi.json) and must match what the application serves, so a
 * change to the API shows up in review. Run with {@code -Dopenapi.update=true} to rewrite the file.
 */
@SwitchboardTest
class OpenApiDocumentTest {

  static final String UPDATE_COMMAND =
      "mvn -pl case-api -am test -Dtest=OpenApiDocumentTest -Dopenapi.update=true";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Autowired
  TestFixtures fixtures;

  @Test
  void theCheckedInDocumentMatchesTheApi() throws IOException {
    ApiClient.Response response = fixtures.anonymous().get("/v3/api-docs");
    assertThat(response.status()).as("GET /v3/api-docs without authentication").isEqualTo(200);
    String served = normalise(response.text());
    Path file = RepositoryFiles.docs("openapi.json");

    if (Boolean.getBoolean("openapi.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, served);
      return;
    }

    String checkedIn = Files.exists(file) ? Files.readString(file) : "";
    assertThat(served)
        .withFailMessage("docs/openapi.json differs from the API the application serves (%s). If the change "
            + "is intended, regenerate it with%n  %s%nand commit it.", firstDifference(checkedIn, served),
            UPDATE_COMMAND)
        .isEqualTo(checkedIn);
  }

  private static String firstDifference(String checkedIn, String served) {
    String[] expected = checkedIn.split("\n", -1);
    String[] actual = served.split("\n", -1);
    for (int i = 0; i < Math.max(expected.length, actual.length); i++) {
      String was = i < expected.length ? expected[i].strip() : "<end of file>";
      String is = i < actual.length ? actual[i].strip() : "<end of document>";
      if (!was.equals(is)) {
        return "line " + (i + 1) + ": file has " + was + ", API has " + is;
      }
    }
    return "whitespace only";
  }

  @Test
  void swaggerUiIsServedWithoutAuthentication() {
    ApiClient.Response page = fixtures.anonymous().get("/swagger-ui/index.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("swagger-ui");

    ApiClient.Response config = fixtures.anonymous().get("/v3/api-docs/swagger-config");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().path("url").asText()).isEqualTo("/v3/api-docs");
  }

  @Test
  void everyOperationNeedsHttpBasicAndErrorsAreProblems() {
    var document = fixtures.anonymous().get("/v3/api-docs").json();

    assertThat(document.at("/info/title").asText()).isEqualTo("Switchboard API");
    assertThat(document.at("/info/version").asText()).isNotBlank();
    assertThat(document.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
    assertThat(document.at("/security/0/basicAuth").isArray()).isTrue();
    assertThat(document.at("/components/schemas/Problem/properties/errors/type").asText()).isEqualTo("array");
  }

  /** Sorted keys, two-space indentation, one trailing newline, and the random test port replaced. */
  static String normalise(String json) throws IOException {
    Object tree = JSON.readValue(json, Object.class);
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    String text = JSON.writer(printer).writeValueAsString(tree);
    return text.replaceAll("\"http://localhost:\\d+\"", "\"http://localhost:8080\"") + "\n";
  }
}
