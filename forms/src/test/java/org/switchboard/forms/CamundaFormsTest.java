package org.switchboard.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every Camunda Form against what Tasklist 7.24 can render (form-js 1.8.7, schema 16) and against the rule
 * that task forms only capture routing facts: their fields become process variables, which end up in the history.
 */
class CamundaFormsTest {

  /** Field types form-js 1.8.7 renders; anything newer throws "form field of type x not supported". */
  private static final Set<String> FORM_JS_1_8_TYPES = Set.of(
      "textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select", "taglist",
      "button", "text", "html", "image", "iframe", "table", "expression", "spacer", "separator", "group",
      "dynamiclist");

  /** Free text would put whatever the agent types (names, what was said) into process variables. */
  private static final Set<String> FREE_TEXT_TYPES = Set.of("textfield", "textarea");

  private static final Set<String> OPTION_TYPES = Set.of("select", "radio", "checklist", "taglist");

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> forms() throws IOException, URISyntaxException {
    URL folder = CamundaFormsTest.class.getClassLoader().getResource("forms");
    assertThat(folder).as("forms/ on the classpath").isNotNull();
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.filter(file -> file.toString().endsWith(".form")).sorted().toList().stream();
    }
  }

  @Test
  void theLifecycleFormsExist() throws Exception {
    assertThat(forms().map(file -> file.getFileName().toString())).contains(
        "CaseIntake.form", "CaseAssessment.form", "CaseHandling.form", "CaseResolution.form",
        "CaseEscalationReview.form");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void headerMatchesTheFileNameAndTasklist724(Path file) throws IOException {
    JsonNode form = read(file);

    assertThat(form.path("id").asText()).isEqualTo(file.getFileName().toString().replace(".form", ""));
    assertThat(form.path("type").asText()).isEqualTo("default");
    assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
    assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
    assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void usesOnlyFieldTypesThatFormJs187Renders(Path file) throws IOException {
    assertThat(components(read(file)))
        .extracting(component -> component.path("type").asText())
        .isNotEmpty()
        .allSatisfy(type -> assertThat(FORM_JS_1_8_TYPES).contains(type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void hasNoFreeTextFields(Path file) throws IOException {
    assertThat(components(read(file)))
        .extracting(component -> component.path("type").asText())
        .doesNotContainAnyElementsOf(FREE_TEXT_TYPES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void idsAndKeysAreUniqueAndEveryFieldIsLabelled(Path file) throws IOException {
    List<JsonNode> components = components(read(file));
    List<JsonNode> fields = components.stream().filter(component -> component.hasNonNull("key")).toList();

    assertThat(components).extracting(component -> component.path("id").asText())
        .allSatisfy(id -> assertThat(id).isNotBlank())
        .doesNotHaveDuplicates();
    assertThat(fields).extracting(field -> field.path("key").asText()).doesNotHaveDuplicates();
    assertThat(fields).allSatisfy(field -> assertThat(field.path("label").asText()).isNotBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void optionFieldsListStaticValues(Path file) throws IOException {
    List<JsonNode> optionFields = components(read(file)).stream()
        .filter(component -> OPTION_TYPES.contains(component.path("type").asText()))
        .toList();

    // Dynamic options (valuesKey/valuesExpression) would need a Json process variable to feed them.
    assertThat(optionFields).allSatisfy(field -> {
      assertThat(field.has("valuesKey")).as("%s has valuesKey", field.path("id")).isFalse();
      assertThat(field.has("valuesExpression")).as("%s has valuesExpression", field.path("id")).isFalse();
      assertThat(field.path("values")).as("%s values", field.path("id")).isNotEmpty();
      field.path("values").forEach(option -> {
        assertThat(option.path("label").asText()).isNotBlank();
        assertThat(option.path("value").isTextual()).isTrue();
      });
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void conditionsAreFeelExpressions(Path file) throws IOException {
    assertThat(components(read(file)))
        .filteredOn(component -> component.has("conditional"))
        .allSatisfy(component -> assertThat(component.path("conditional").path("hide").asText()).startsWith("="));
  }

  private static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** All components, including those nested in groups and dynamic lists. */
  private static List<JsonNode> components(JsonNode container) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      all.add(component);
      all.addAll(components(component));
    }
    return all;
  }
}
