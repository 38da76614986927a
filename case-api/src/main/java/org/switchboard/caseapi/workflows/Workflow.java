package org.switchboard.caseapi.workflows;

import java.time.Instant;
import java.util.List;

/**
 * A workflow configuration: one engine deployment with its resources and the process and decision
 * definitions it created. {@code tenantId} null means shared by every tenant.
 */
public record Workflow(
    String id,
    String name,
    String source,
    String tenantId,
    Instant deployedAt,
    List<String> resources,
    List<Definition> processDefinitions,
    List<Definition> decisionDefinitions) {

  public Workflow {
    resources = List.copyOf(resources);
    processDefinitions = List.copyOf(processDefinitions);
    decisionDefinitions = List.copyOf(decisionDefinitions);
  }

  public boolean shared() {
    return tenantId == null;
  }

  /** A process or decision definition; each deployment of a key adds a version. */
  public record Definition(String id, String key, String name, int version, String versionTag, String tenantId,
      String resource) {
  }
}
