package org.switchboard.caseapi.formdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Checks submitted values against a Camunda Form (form-js schema): unknown keys, required fields,
 * types, lengths, ranges, patterns and allowed options. The same schema renders the form in Tasklist,
 * so the API and the UI agree on what is valid.
 */
@Component
public class FormSchemaValidator {

  private static final Set<String> NON_INPUT_TYPES =
      Set.of("text", "html", "image", "spacer", "separator", "button", "iframe", "table", "expression");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-]{5,20}$");

  private final ObjectMapper mapper;

  public FormSchemaValidator(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The input fields of a form, by key. */
  public Map<String, JsonNode> fields(String formJson) {
    try {
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      collect(mapper.readTree(formJson), fields);
      return fields;
    } catch (IOException e) {
      throw new IllegalArgumentException("Form definition is not valid JSON", e);
    }
  }

  /**
   * @param prefix prepended to keys in error field names, e.g. {@code "customFields."}
   * @param partial when true only the given keys are checked (a PATCH); required fields may be absent
   */
  public List<FieldError> validate(String formJson, Map<String, Object> values, String prefix, boolean partial) {
    Map<String, JsonNode> fields = fields(formJson);
    List<FieldError> errors = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!fields.containsKey(key)) {
        errors.add(new FieldError(prefix + key, "is not a field of this form"));
      }
    }
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      String key = field.getKey();
      JsonNode component = field.getValue();
      Object value = values.get(key);
      boolean present = value != null && !(value instanceof String s && s.isBlank())
          && !(value instanceof Collection<?> c && c.isEmpty());
      if (!present) {
        boolean required = component.path("validate").path("required").asBoolean(false)
            // A conditionally hidden field may legitimately be absent; FEEL conditions are the form's business.
            && component.path("conditional").path("hide").isMissingNode();
        if (required && (!partial || values.containsKey(key))) {
          errors.add(new FieldError(prefix + key, "is required"));
        }
        continue;
      }
      String problem = check(component, value);
      if (problem != null) {
        errors.add(new FieldError(prefix + key, problem));
      }
    }
    return errors;
  }

  private void collect(JsonNode node, Map<String, JsonNode> fields) {
    for (JsonNode component : node.path("components")) {
      String type = component.path("type").asText();
      if (component.has("components")) {
        collect(component, fields);
      } else if (component.hasNonNull("key") && !NON_INPUT_TYPES.contains(type)) {
        fields.put(component.get("key").asText(), component);
      }
    }
  }

  private String check(JsonNode component, Object value) {
    JsonNode validate = component.path("validate");
    return switch (component.path("type").asText()) {
      case "textfield", "textarea" -> checkText(validate, value);
      case "number" -> checkNumber(validate, value);
      case "checkbox" -> value instanceof Boolean ? null : "must be true or false";
      case "select", "radio" -> checkOption(component, value);
      case "checklist", "taglist" -> checkOptions(component, value);
      case "datetime" -> checkDateTime(component.path("subtype").asText("date"), value);
      default -> null;
    };
  }

  private static String checkText(JsonNode validate, Object value) {
    if (!(value instanceof String text)) {
      return "must be text";
    }
    if (validate.has("minLength") && text.length() < validate.get("minLength").asInt()) {
      return "must be at least " + validate.get("minLength").asInt() + " characters";
    }
    if (validate.has("maxLength") && text.length() > validate.get("maxLength").asInt()) {
      return "must be at most " + validate.get("maxLength").asInt() + " characters";
    }
    String validationType = validate.path("validationType").asText("");
    if ("email".equals(validationType) && !EMAIL.matcher(text).matches()) {
      return "must be an email address";
    }
    if ("phone".equals(validationType) && !PHONE.matcher(text).matches()) {
      return "must be a phone number";
    }
    if (validate.hasNonNull("pattern")) {
      try {
        if (!Pattern.compile(validate.get("pattern").asText()).matcher(text).matches()) {
          return "does not match the required pattern";
        }
      } catch (PatternSyntaxException e) {
        return null; // a broken pattern is the form author's error, not the submitter's
      }
    }
    return null;
  }

  private static String checkNumber(JsonNode validate, Object value) {
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else {
      return "must be a number";
    }
    if (validate.has("min") && number < validate.get("min").asDouble()) {
      return "must be at least " + validate.get("min").asText();
    }
    if (validate.has("max") && number > validate.get("max").asDouble()) {
      return "must be at most " + validate.get("max").asText();
    }
    return null;
  }

  private static String checkOption(JsonNode component, Object value) {
    JsonNode options = component.path("values");
    if (!options.isArray() || options.isEmpty()) {
      return null; // dynamic options come from a variable at render time
    }
    for (JsonNode option : options) {
      if (option.path("value").asText().equals(String.valueOf(value))) {
        return null;
      }
    }
    return "must be one of " + allowed(options);
  }

  private static String checkOptions(JsonNode component, Object value) {
    if (!(value instanceof Collection<?> chosen)) {
      return "must be a list";
    }
    for (Object item : chosen) {
      String problem = checkOption(component, item);
      if (problem != null) {
        return "contains '" + item + "'; each entry " + problem;
      }
    }
    return null;
  }

  private static String checkDateTime(String subtype, Object value) {
    if (!(value instanceof String text)) {
      return "must be an ISO-8601 string";
    }
    try {
      switch (subtype) {
        case "time" -> LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
        case "datetime" -> {
          try {
            OffsetDateTime.parse(text);
          } catch (DateTimeParseException e) {
            LocalDateTime.parse(text);
          }
        }
        default -> LocalDate.parse(text);
      }
      return null;
    } catch (DateTimeParseException e) {
      return "must be an ISO-8601 " + subtype;
    }
  }

  private static String allowed(JsonNode options) {
    List<String> values = new ArrayList<>();
    options.forEach(o -> values.add(o.path("value").asText()));
    return values.toString();
  }
}
