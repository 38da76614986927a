package org.switchboard.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every external-task topic a shipped model uses is a constant in {@link Topics}, served by a worker, and has an
 * element template in {@code modeler-plugins/element-templates} so admins can drop it into a process.
 */
class TopicCatalogTest {

  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final List<Path> MODEL_ROOTS = List.of(REPO.resolve("process-models/src/main/resources"),
      REPO.resolve("sector-templates/src/main/resources"));
  private static final Path TEMPLATES = REPO.resolve("modeler-plugins/element-templates");

  @Test
  void everyTopicInAShippedModelIsAConstantAndHasAnElementTemplate() throws Exception {
    Map<String, String> used = topicsInModels();
    Set<String> constants = constants();
    Set<String> templated = templatedTopics();

    assertThat(used).as("shipped models with external tasks").isNotEmpty();
    List<String> problems = new ArrayList<>();
    used.forEach((topic, where) -> {
      if (!constants.contains(topic)) {
        problems.add(where + ": topic '" + topic + "' is not a constant in org.switchboard.workers.Topics");
      }
      if (!templated.contains(topic)) {
        problems.add(where + ": topic '" + topic + "' has no element template in modeler-plugins/element-templates");
      }
    });
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void everySendTopicHasATemplateAndEveryTemplateATopicConstant() throws Exception {
    Set<String> templated = templatedTopics();

    assertThat(templated).contains(Topics.SEND_SMS, Topics.SEND_WHATSAPP, Topics.SEND_EMAIL, Topics.SEND_WEB_CHAT,
        Topics.SEND_MESSENGER);
    assertThat(constants()).containsAll(templated);
  }

  private static Map<String, String> topicsInModels() throws Exception {
    Map<String, String> topics = new TreeMap<>();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    for (Path root : MODEL_ROOTS) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> models;
      try (Stream<Path> files = Files.walk(root)) {
        models = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
      }
      for (Path model : models) {
        NodeList all = factory.newDocumentBuilder().parse(model.toFile()).getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
          Element element = (Element) all.item(i);
          String topic = element.getAttributeNS(CAMUNDA, "topic");
          if (!topic.isEmpty()) {
            topics.putIfAbsent(topic, REPO.relativize(model) + " " + element.getAttribute("id"));
          }
        }
      }
    }
    return topics;
  }

  private static Set<String> constants() throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }

  private static Set<String> templatedTopics() throws IOException {
    Set<String> topics = new TreeSet<>();
    ObjectMapper mapper = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> list = Files.list(TEMPLATES)) {
      files = list.filter(f -> f.toString().endsWith(".json")).toList();
    }
    for (Path file : files) {
      JsonNode root = mapper.readTree(file.toFile());
      for (JsonNode template : root.isArray() ? root : mapper.createArrayNode().add(root)) {
        for (JsonNode property : template.path("properties")) {
          JsonNode binding = property.path("binding");
          if ("property".equals(binding.path("type").asText()) && "camunda:topic".equals(binding.path("name").asText())) {
            topics.add(property.path("value").asText());
          }
        }
      }
    }
    return topics;
  }
}
