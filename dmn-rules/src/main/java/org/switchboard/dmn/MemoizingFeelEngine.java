package org.switchboard.dmn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Remembers FEEL results that cannot change: unary tests and expressions made of literals only
 * ({@code "HIGH"}, {@code "a","b"}, {@code not("x")}, {@code [1..5]}, {@code true}), and bare variable
 * references ({@code riskLevel}), keyed by the expression and the value tested.
 *
 * <p>Why: Camunda's DMN engine evaluates every input entry of every rule for each decision, and the
 * Scala FEEL engine parses the expression and builds its built-in function table on each call. On the
 * routing tables of a case that was 45% of the CPU of case creation (docs/benchmarks.md). Anything
 * that could depend on more than the tested value (other variables, functions, dates) is passed
 * straight to the delegate, so results are identical by construction.
 */
public class MemoizingFeelEngine implements FeelEngine {

  /** Remembered results per engine; past this many keys the memory is dropped and refilled. */
  public static final int MAX_ENTRIES = 20_000;

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern KEYWORDS = Pattern.compile("\\b(?:true|false|null|not)\\b");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final FeelEngine delegate;
  private final Map<Object, Object> results = new ConcurrentHashMap<>();
  private final Map<String, Boolean> constant = new ConcurrentHashMap<>();

  public MemoizingFeelEngine(FeelEngine delegate) {
    this.delegate = delegate;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    Object key;
    if (isConstant(expression)) {
      key = new ExpressionKey(expression, null, null);
    } else if (IDENTIFIER.matcher(expression.trim()).matches() && isMemorable(variables.resolve(expression.trim()))) {
      Object value = variables.resolve(expression.trim()).getValue();
      key = new ExpressionKey(expression, value == null ? null : value.getClass(), value);
    } else {
      return delegate.evaluateSimpleExpression(expression, variables);
    }
    Object cached = results.get(key);
    if (cached != null) {
      return (T) cached;
    }
    T result = delegate.evaluateSimpleExpression(expression, variables);
    remember(key, result);
    return result;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputName, VariableContext variables) {
    TypedValue input = variables.resolve(inputName);
    if (!isConstant(expression) || !isMemorable(input)) {
      return delegate.evaluateSimpleUnaryTests(expression, inputName, variables);
    }
    Object value = input == null ? null : input.getValue();
    UnaryTestKey key = new UnaryTestKey(expression, value == null ? null : value.getClass(), value);
    Object cached = results.get(key);
    if (cached != null) {
      return (Boolean) cached;
    }
    boolean result = delegate.evaluateSimpleUnaryTests(expression, inputName, variables);
    remember(key, result);
    return result;
  }

  /** Literals, operators and the keywords true/false/null/not only: no names, so nothing but the input can matter. */
  public boolean isConstant(String expression) {
    return constant.computeIfAbsent(expression, e -> {
      String rest = KEYWORDS.matcher(STRING_LITERAL.matcher(e).replaceAll("")).replaceAll("");
      return rest.chars().noneMatch(Character::isLetter) && !rest.contains("\"") && !rest.contains("@");
    });
  }

  private static boolean isMemorable(TypedValue input) {
    if (input == null) {
      return false;
    }
    Object value = input.getValue();
    return value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long || value instanceof Short;
  }

  private void remember(Object key, Object result) {
    if (!(result instanceof String || result instanceof Boolean || result instanceof Number)) {
      return; // only immutable values may be shared between evaluations (null is not remembered)
    }
    if (results.size() >= MAX_ENTRIES) {
      results.clear();
    }
    results.put(key, result);
  }

  public int size() {
    return results.size();
  }

  private record ExpressionKey(String expression, Class<?> type, Object value) {
  }

  private record UnaryTestKey(String expression, Class<?> type, Object value) {
  }
}
