package org.switchboard.caseapi.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository outside the module (docs/...), found from wherever the tests run. */
public final class RepositoryFiles {

  private RepositoryFiles() {
  }

  /** The repository root: the first directory upwards that holds the parent pom and the case-api module. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("case-api"))) {
        return dir;
      }
    }
    throw new IllegalStateException("Repository root not found above " + Path.of("").toAbsolutePath());
  }

  public static Path docs(String name) {
    return root().resolve("docs").resolve(name);
  }
}
