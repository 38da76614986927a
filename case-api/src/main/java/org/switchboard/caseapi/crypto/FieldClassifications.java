package org.switchboard.caseapi.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Classification of case fields. Built-in fields have a fixed table; custom fields declare theirs in the
 * case type's form definition, per component: {@code "properties": {"classification": "confidential"}}
 * (form-js keeps custom properties there). A custom field without a declaration is internal.
 */
@Component
public class FieldClassifications {

  /** Built-in case and note fields; everything not listed is internal (ids, statuses, dates). */
  public static final Map<String, Classification> BUILT_IN = Map.of(
      "title", Classification.INTERNAL,
      "description", Classification.CONFIDENTIAL,
      "note.body", Classification.CONFIDENTIAL,
      "document.content", Classification.CONFIDENTIAL);

  private final ObjectMapper mapper;

  public FieldClassifications(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Custom field key → declared classification, for every component with a key (nested ones too). */
  public Map<String, Classification> ofForm(String formDefinition) {
    Map<String, Classification> result = new LinkedHashMap<>();
    if (formDefinition == null || formDefinition.isBlank()) {
      return result;
    }
    try {
      collect(mapper.readTree(formDefinition), result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored form definition is not JSON", e);
    }
    return result;
  }

  private static void collect(JsonNode node, Map<String, Classification> result) {
    JsonNode components = node.path("components");
    if (!components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      String key = component.path("key").asText(null);
      if (key != null) {
        result.put(key, Classification.parse(component.path("properties").path("classification").asText(null))
            .orElse(Classification.INTERNAL));
      }
      collect(component, result);
    }
  }
}
