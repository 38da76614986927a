package org.switchboard.caseapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions on problem+json answers. */
public final class Problems {

  private Problems() {
  }

  /** The response is a 400 (or the given status) problem naming exactly these fields. */
  public static void assertFieldErrors(ApiClient.Response response, int status, String... fields) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    List<String> named = new ArrayList<>();
    for (JsonNode error : response.json().path("errors")) {
      named.add(error.path("field").asText());
    }
    assertThat(named).containsExactlyInAnyOrder(fields);
  }

  /**
   * An unknown id and another tenant's id answer the same 404: identical bodies once each id is replaced by
   * a placeholder (the id itself is echoed back in {@code detail} and {@code instance}).
   */
  public static void assertSameNotFound(ApiClient.Response unknown, String unknownId, ApiClient.Response foreign,
      String foreignId) {
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
    assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    assertThat(foreign.text().replace(foreignId, "{id}")).isEqualTo(unknown.text().replace(unknownId, "{id}"));
  }
}
