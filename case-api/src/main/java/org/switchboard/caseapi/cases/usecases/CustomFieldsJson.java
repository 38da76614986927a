package org.switchboard.caseapi.cases.usecases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Custom field values as stored in {@code case_record.custom_fields} (a JSON object). */
@Component
public class CustomFieldsJson {

  private final ObjectMapper mapper;

  public CustomFieldsJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public Map<String, Object> read(String json) {
    if (json == null || json.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored custom fields are not a JSON object", e);
    }
  }

  public String write(Map<String, Object> values) {
    try {
      return mapper.writeValueAsString(values == null ? Map.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Custom fields are not serialisable", e);
    }
  }
}
