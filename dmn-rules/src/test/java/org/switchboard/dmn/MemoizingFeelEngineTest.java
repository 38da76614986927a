package org.switchboard.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemoizingFeelEngineTest {

  private final FeelEngine scala = new ScalaFeelEngineFactory().createInstance();
  private final CountingFeelEngine counting = new CountingFeelEngine(scala);
  private final MemoizingFeelEngine memoizing = new MemoizingFeelEngine(counting);

  @ParameterizedTest
  @ValueSource(strings = {"\"HIGH\"", "\"HIGH\",\"CRITICAL\"", "not(\"LOW\")", "true", "false", "-", "[1..5]",
      "> 3", "null", "\"a \\\"quoted\\\" value\""})
  void literalUnaryTestsGiveTheDelegatesAnswerForEveryInput(String tests) {
    List<Object> inputs = List.of("HIGH", "LOW", "CRITICAL", true, false, 1, 4, 7, "a \"quoted\" value");
    for (Object input : inputs) {
      VariableContext context = context("x", input);
      Object expected = safeTest(scala, tests, context);
      assertThat(safeTest(memoizing, tests, context)).as(tests + " on " + input).isEqualTo(expected);
      assertThat(safeTest(memoizing, tests, context)).as("again " + tests + " on " + input).isEqualTo(expected);
    }
  }

  @Test
  void aRepeatedTestIsEvaluatedOnce() {
    for (int i = 0; i < 5; i++) {
      assertThat(memoizing.evaluateSimpleUnaryTests("\"crisis\",\"urgent\"", "x", context("x", "urgent"))).isTrue();
    }
    assertThat(counting.unaryTests).isEqualTo(1);
  }

  @Test
  void testsNamingOtherVariablesAreNeverRemembered() {
    Map<String, Object> values = new HashMap<>(Map.of("x", 5, "limit", 3));
    assertThat(memoizing.evaluateSimpleUnaryTests("> limit", "x", Variables.fromMap(values).asVariableContext())).isTrue();
    values.put("limit", 10);
    assertThat(memoizing.evaluateSimpleUnaryTests("> limit", "x", Variables.fromMap(values).asVariableContext())).isFalse();
    assertThat(counting.unaryTests).isEqualTo(2);
  }

  @Test
  void functionCallsAndDatesAreNeverRemembered() {
    assertThat(memoizing.isConstant("date(\"2026-01-01\")")).isFalse();
    assertThat(memoizing.isConstant("now()")).isFalse();
    assertThat(memoizing.isConstant("contains(x, \"a\")")).isFalse();
    assertThat(memoizing.isConstant("\"PT5M\"")).isTrue();
    assertThat(memoizing.isConstant("not(\"LOW\", \"MEDIUM\")")).isTrue();
  }

  @Test
  void variableReferencesAreRememberedPerValue() {
    assertThat((Object) memoizing.evaluateSimpleExpression("sector", context("sector", "healthcare"))).isEqualTo("healthcare");
    assertThat((Object) memoizing.evaluateSimpleExpression("sector", context("sector", "healthcare"))).isEqualTo("healthcare");
    assertThat((Object) memoizing.evaluateSimpleExpression("sector", context("sector", "generic"))).isEqualTo("generic");
    assertThat(counting.expressions).isEqualTo(2);
    assertThat((Object) memoizing.evaluateSimpleExpression("\"CRITICAL\"", context("sector", "generic")))
        .isEqualTo(scala.evaluateSimpleExpression("\"CRITICAL\"", context("sector", "generic")));
  }

  private static VariableContext context(String name, Object value) {
    Map<String, Object> values = new HashMap<>();
    values.put(name, value);
    return Variables.fromMap(values).asVariableContext();
  }

  /** The answer, or the exception type when the expression does not apply to the input. */
  private static Object safeTest(FeelEngine engine, String tests, VariableContext context) {
    try {
      return engine.evaluateSimpleUnaryTests(tests, "x", context);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static final class CountingFeelEngine implements FeelEngine {
    private final FeelEngine delegate;
    int unaryTests;
    int expressions;
    final List<String> seen = new ArrayList<>();

    CountingFeelEngine(FeelEngine delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
      expressions++;
      return delegate.evaluateSimpleExpression(expression, variableContext);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputName, VariableContext variableContext) {
      unaryTests++;
      seen.add(expression);
      return delegate.evaluateSimpleUnaryTests(expression, inputName, variableContext);
    }
  }
}
