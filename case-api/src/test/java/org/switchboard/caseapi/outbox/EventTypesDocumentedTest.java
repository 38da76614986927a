package org.switchboard.caseapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.support.RepositoryFiles;

/** Event types are a public contract: each one needs its section in docs/events.md. */
class EventTypesDocumentedTest {

  @Test
  void everyEventTypeHasASectionInTheEventsDocument() throws IOException, IllegalAccessException {
    String document = Files.readString(RepositoryFiles.docs("events.md"));
    List<String> types = new ArrayList<>();
    for (Field field : EventTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        types.add((String) field.get(null));
      }
    }

    assertThat(types).isNotEmpty();
    assertThat(types).allSatisfy(type -> assertThat(document)
        .as("docs/events.md documents %s", type)
        .contains("### `" + type + "`"));
  }
}
