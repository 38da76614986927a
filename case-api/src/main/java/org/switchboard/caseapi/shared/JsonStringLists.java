package org.switchboard.caseapi.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Lists of strings (tags, alternative questions, template parameters) stored as a JSON array in one column. */
public final class JsonStringLists {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
  };

  private JsonStringLists() {
  }

  public static String toJson(List<String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A list of strings cannot be written as JSON", e);
    }
  }

  /** An empty list for a null column. */
  public static List<String> fromJson(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return MAPPER.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored list is not a JSON array of strings", e);
    }
  }
}
