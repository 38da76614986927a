package org.switchboard.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.switchboard.process.botconversation.BotConversationTurn;
import org.switchboard.process.caselifecycle.CaseLifecycle;
import org.switchboard.process.messageanalysis.InboundMessageAnalysis;
import org.switchboard.process.outbound.OutboundMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * House rules for every model on the classpath: {@code processes/**.bpmn}, {@code decisions/**.dmn} and
 * {@code forms/**.form}. They keep the models deployable on 7.24 with history cleanup, readable in Cockpit, and
 * bound to the names in {@link CaseLifecycle} and {@link OutboundMessage} rather than to string literals scattered
 * through the code.
 */
class ModelConventionsTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  private static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
  private static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
  private static final String MODELER = "http://camunda.org/schema/modeler/1.0";

  /** Id prefix per BPMN element: the element type, readable in logs, Cockpit and incident messages. */
  private static final Map<String, String> BPMN_ID_PREFIXES = Map.ofEntries(
      Map.entry("definitions", "Definitions"),
      Map.entry("startEvent", "StartEvent"),
      Map.entry("endEvent", "EndEvent"),
      Map.entry("boundaryEvent", "BoundaryEvent"),
      Map.entry("intermediateCatchEvent", "(MessageEvent|TimerEvent|IntermediateEvent)"),
      Map.entry("intermediateThrowEvent", "IntermediateEvent"),
      Map.entry("userTask", "Task"),
      Map.entry("serviceTask", "ServiceTask"),
      Map.entry("businessRuleTask", "BusinessRuleTask"),
      Map.entry("exclusiveGateway", "Gateway"),
      Map.entry("eventBasedGateway", "Gateway"),
      Map.entry("parallelGateway", "Gateway"),
      Map.entry("sequenceFlow", "Flow"),
      Map.entry("message", "Message"),
      Map.entry("error", "Error"),
      Map.entry("signal", "Signal"),
      Map.entry("messageEventDefinition", "MessageEventDefinition"),
      Map.entry("timerEventDefinition", "TimerEventDefinition"),
      Map.entry("errorEventDefinition", "ErrorEventDefinition"),
      Map.entry("terminateEventDefinition", "TerminateEventDefinition"));

  /** Id prefix per DMN element, as the Modeler names them. */
  private static final Map<String, String> DMN_ID_PREFIXES = Map.ofEntries(
      Map.entry("definitions", "Definitions"),
      Map.entry("decisionTable", "DecisionTable"),
      Map.entry("input", "Input"),
      Map.entry("inputExpression", "InputExpression"),
      Map.entry("inputValues", "UnaryTests"),
      Map.entry("inputEntry", "UnaryTests"),
      Map.entry("output", "Output"),
      Map.entry("outputValues", "UnaryTests"),
      Map.entry("outputEntry", "LiteralExpression"),
      Map.entry("rule", "Rule"),
      Map.entry("DMNDiagram", "DMNDiagram"),
      Map.entry("DMNShape", "DMNShape"));

  private static final String ID_SUFFIX = "_[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)*";

  private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

  private static final PathMatchingResourcePatternResolver CLASSPATH = new PathMatchingResourcePatternResolver();

  static Stream<Resource> processes() {
    return resources("classpath*:processes/**/*.bpmn");
  }

  static Stream<Resource> decisions() {
    return resources("classpath*:decisions/**/*.dmn");
  }

  static Stream<Resource> forms() {
    return resources("classpath*:forms/**/*.form");
  }

  // ---------------------------------------------------------------------------------------------------- BPMN

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void processTargets724AndDeclaresHistoryTimeToLiveAndVersionTag(Resource file) {
    Document model = parse(file);
    assertTargets724(model);

    List<Element> processes = elements(model, BPMN, "process");
    assertThat(processes).hasSize(1);
    Element process = processes.get(0);
    assertThat(process.getAttribute("id")).as("process id = file name").isEqualTo(baseName(file));
    assertThat(process.getAttribute("isExecutable")).isEqualTo("true");
    assertThat(process.getAttributeNS(CAMUNDA_BPMN, "historyTimeToLive")).isNotBlank();
    assertThat(process.getAttributeNS(CAMUNDA_BPMN, "versionTag")).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void processIdsArePrefixedWithTheirElementType(Resource file) {
    Document model = parse(file);
    List<String> violations = new ArrayList<>();

    for (Element element : elements(model, BPMN, "*")) {
      String type = element.getLocalName();
      String id = element.getAttribute("id");
      if (id.isEmpty() || type.equals("process")) {
        continue;
      }
      String prefix = type.equals("subProcess")
          ? ("true".equals(element.getAttribute("triggeredByEvent")) ? "EventSubProcess" : "SubProcess")
          : BPMN_ID_PREFIXES.get(type);
      if (prefix == null) {
        violations.add(id + ": no id convention for <" + type + "> yet, add one");
      } else if (!id.matches(prefix + ID_SUFFIX)) {
        violations.add(id + ": <" + type + "> ids look like " + prefix + "_Name");
      }
    }
    for (Element element : elements(model, BPMNDI, "*")) {
      String id = element.getAttribute("id");
      String diagramElement = element.getAttribute("bpmnElement");
      if (element.getLocalName().equals("BPMNShape") || element.getLocalName().equals("BPMNEdge")) {
        if (!id.equals(diagramElement + "_di")) {
          violations.add(id + ": diagram ids are <element id>_di");
        }
      } else if (!id.isEmpty() && !id.matches(element.getLocalName() + ID_SUFFIX)) {
        violations.add(id + ": <" + element.getLocalName() + "> ids look like " + element.getLocalName() + "_Name");
      }
    }

    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void everyFlowNodeIsDrawn(Resource file) {
    Document model = parse(file);
    Set<String> drawn = elements(model, BPMNDI, "*").stream()
        .map(element -> element.getAttribute("bpmnElement"))
        .collect(Collectors.toSet());

    assertThat(elements(model, BPMN, "*"))
        .filteredOn(element -> element.getParentNode() instanceof Element parent
            && Set.of("process", "subProcess").contains(parent.getLocalName())
            && !element.getAttribute("id").isEmpty())
        .extracting(element -> element.getAttribute("id"))
        .isNotEmpty()
        .allSatisfy(id -> assertThat(drawn).as("drawn elements").contains(id));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void serviceTasksOnlyNameDelegateBeansOfTheContract(Resource file) {
    Document model = parse(file);
    Set<String> beans = constants(CaseLifecycle.Delegates.class, OutboundMessage.Delegates.class,
        InboundMessageAnalysis.Delegates.class, BotConversationTurn.Delegates.class);
    Set<String> topics = constants(OutboundMessage.Topics.class, InboundMessageAnalysis.Topics.class,
        BotConversationTurn.Topics.class);

    for (Element element : elements(model, "*", "*")) {
      assertThat(element.hasAttributeNS(CAMUNDA_BPMN, "class"))
          .as("camunda:class on %s: use a delegate bean", element.getAttribute("id")).isFalse();
    }
    for (Element task : elements(model, BPMN, "serviceTask")) {
      if ("external".equals(task.getAttributeNS(CAMUNDA_BPMN, "type"))) {
        // External tasks are done by the workers, reached by a topic of the contract behind a save point.
        assertThat(topics).as("topic of %s", task.getAttribute("id"))
            .contains(task.getAttributeNS(CAMUNDA_BPMN, "topic"));
        assertThat(task.getAttributeNS(CAMUNDA_BPMN, "asyncBefore")).as("asyncBefore of %s", task.getAttribute("id"))
            .isEqualTo("true");
        continue;
      }
      assertThat(task.hasAttributeNS(CAMUNDA_BPMN, "expression"))
          .as("camunda:expression on %s: no method calls on beans", task.getAttribute("id")).isFalse();
      Matcher bean = DELEGATE_EXPRESSION.matcher(task.getAttributeNS(CAMUNDA_BPMN, "delegateExpression"));
      assertThat(bean.matches()).as("%s delegates to ${bean}", task.getAttribute("id")).isTrue();
      assertThat(beans).as("Delegates of the contracts").contains(bean.group(1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void userTasksUseADeployedForm(Resource file) {
    for (Element task : elements(parse(file), BPMN, "userTask")) {
      String form = task.getAttributeNS(CAMUNDA_BPMN, "formRef");
      assertThat(form).as("formRef of %s", task.getAttribute("id")).isNotBlank();
      assertThat(task.getAttributeNS(CAMUNDA_BPMN, "formRefBinding")).isEqualTo("deployment");
      assertThat(CLASSPATH.getResource("classpath:forms/" + form + ".form").exists())
          .as("forms/%s.form", form).isTrue();
      assertThat(task.getAttributeNS(CAMUNDA_BPMN, "candidateGroups")).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void businessRuleTasksReferToDecisionsOnTheClasspath(Resource file) {
    for (Element task : elements(parse(file), BPMN, "businessRuleTask")) {
      String decision = task.getAttributeNS(CAMUNDA_BPMN, "decisionRef");
      assertThat(CLASSPATH.getResource("classpath:decisions/" + decision + ".dmn").exists())
          .as("decisions/%s.dmn", decision).isTrue();
      // A result variable would hold the whole row as a serialized Map; outputs are mapped one by one instead.
      assertThat(task.hasAttributeNS(CAMUNDA_BPMN, "resultVariable"))
          .as("resultVariable on %s", task.getAttribute("id")).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void messagesAreNamedLikeTheirIdsAndListedInTheContract(Resource file) {
    Set<String> contract = constants(CaseLifecycle.Messages.class);

    assertThat(elements(parse(file), BPMN, "message")).allSatisfy(message -> {
      assertThat(message.getAttribute("name")).isEqualTo(message.getAttribute("id"));
      assertThat(contract).contains(message.getAttribute("name"));
    });
  }

  @Test
  void everyElementOfTheContractExistsInAProcess() {
    Set<String> ids = processes()
        .flatMap(file -> elements(parse(file), BPMN, "*").stream())
        .map(element -> element.getAttribute("id"))
        .collect(Collectors.toSet());

    assertThat(ids).containsAll(constants(CaseLifecycle.Elements.class));
    assertThat(ids).contains(CaseLifecycle.PROCESS_KEY);
    assertThat(ids).containsAll(constants(CaseLifecycle.Messages.class));
    assertThat(ids).containsAll(constants(OutboundMessage.Elements.class));
    assertThat(ids).contains(OutboundMessage.PROCESS_KEY);
    assertThat(ids).containsAll(constants(InboundMessageAnalysis.Elements.class));
    assertThat(ids).contains(InboundMessageAnalysis.PROCESS_KEY);
    assertThat(ids).containsAll(constants(BotConversationTurn.Elements.class));
    assertThat(ids).contains(BotConversationTurn.PROCESS_KEY);
  }

  @Test
  void everyFormAndDecisionOfTheContractIsOnTheClasspath() {
    assertThat(constants(CaseLifecycle.Forms.class, OutboundMessage.Forms.class, InboundMessageAnalysis.Forms.class)).allSatisfy(form ->
        assertThat(CLASSPATH.getResource("classpath:forms/" + form + ".form").exists()).as(form).isTrue());
    assertThat(constants(CaseLifecycle.Decisions.class)).allSatisfy(decision ->
        assertThat(CLASSPATH.getResource("classpath:decisions/" + decision + ".dmn").exists()).as(decision).isTrue());
  }

  // ---------------------------------------------------------------------------------------------------- DMN

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decisionTargets724AndDeclaresHistoryTimeToLiveAndVersionTag(Resource file) {
    Document model = parse(file);
    assertTargets724(model);

    List<Element> decisions = elements(model, DMN, "decision");
    assertThat(decisions).hasSize(1);
    Element decision = decisions.get(0);
    assertThat(decision.getAttribute("id")).as("decision key = file name").isEqualTo(baseName(file));
    assertThat(decision.getAttributeNS(CAMUNDA_DMN, "historyTimeToLive")).isNotBlank();
    assertThat(decision.getAttributeNS(CAMUNDA_DMN, "versionTag")).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decisionIdsArePrefixedWithTheirElementType(Resource file) {
    Document model = parse(file);
    List<String> violations = new ArrayList<>();

    for (Element element : elements(model, "*", "*")) {
      String type = element.getLocalName();
      String id = element.getAttribute("id");
      if (id.isEmpty() || type.equals("decision")) {
        continue;
      }
      String prefix = DMN_ID_PREFIXES.get(type);
      if (prefix == null) {
        violations.add(id + ": no id convention for <" + type + "> yet, add one");
      } else if (!id.matches(prefix + ID_SUFFIX)) {
        violations.add(id + ": <" + type + "> ids look like " + prefix + "_Name");
      }
    }

    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void everyRuleSaysWhy(Resource file) {
    assertThat(elements(parse(file), DMN, "rule")).isNotEmpty().allSatisfy(rule -> {
      List<Element> description = children(rule, DMN, "description");
      assertThat(description).as("description of %s", rule.getAttribute("id")).hasSize(1);
      assertThat(description.get(0).getTextContent()).isNotBlank();
    });
  }

  // ---------------------------------------------------------------------------------------------------- forms

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void formFieldsOnlyWriteVariablesOfTheContract(Resource file) throws IOException {
    JsonNode form;
    try (InputStream in = file.getInputStream()) {
      form = new ObjectMapper().readTree(in);
    }
    Set<String> variables = constants(CaseLifecycle.Variables.class, OutboundMessage.Variables.class,
        InboundMessageAnalysis.StartVariables.class, InboundMessageAnalysis.AiVariables.class,
        InboundMessageAnalysis.ReviewVariables.class);

    assertThat(keys(form)).allSatisfy(key -> assertThat(variables).as("Variables of the contracts").contains(key));
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  private static void assertTargets724(Document model) {
    Element definitions = model.getDocumentElement();
    assertThat(definitions.getAttributeNS(MODELER, "executionPlatform")).isEqualTo("Camunda Platform");
    assertThat(definitions.getAttributeNS(MODELER, "executionPlatformVersion")).isEqualTo("7.24.0");
  }

  private static Stream<Resource> resources(String pattern) {
    try {
      Resource[] found = CLASSPATH.getResources(pattern);
      assertThat(found).as(pattern).isNotEmpty();
      return Arrays.stream(found);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String baseName(Resource file) {
    String name = file.getFilename();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static Document parse(Resource file) {
    try (InputStream in = file.getInputStream()) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("Cannot parse " + file, e);
    }
  }

  private static List<Element> elements(Document model, String namespace, String localName) {
    NodeList nodes = model.getElementsByTagNameNS(namespace, localName);
    List<Element> elements = new ArrayList<>(nodes.getLength());
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        children.add(element);
      }
    }
    return children;
  }

  /** Keys of all form fields, including those nested in groups. */
  private static List<String> keys(JsonNode container) {
    List<String> keys = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      keys.addAll(keys(component));
    }
    return keys;
  }

  /** Values of the public String constants of {@link CaseLifecycle} or {@link OutboundMessage} holders. */
  private static Set<String> constants(Class<?>... holders) {
    Set<String> values = new HashSet<>();
    for (Field field : Arrays.stream(holders).flatMap(h -> Arrays.stream(h.getFields())).toList()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }
}
