package org.switchboard.caseapi.workflows;

import java.util.Locale;

/** An uploaded model: BPMN process, DMN decisions or a Camunda Form. */
public record WorkflowFile(String name, byte[] content) {

  /** What the engine deploys from a workflow upload; anything else would be stored but never used. */
  public enum Kind {
    BPMN(".bpmn"), DMN(".dmn"), FORM(".form");

    private final String extension;

    Kind(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /** The kind by file extension, or null when the file is none of them. */
  public Kind kind() {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Kind kind : Kind.values()) {
      if (lower.endsWith(kind.extension())) {
        return kind;
      }
    }
    return null;
  }

  /** The name without any directory, so "processes/A.bpmn" and "A.bpmn" denote the same model. */
  public static String baseName(String name) {
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  }
}
