package org.switchboard.process.caselifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys the lifecycle the way the application does: the process with every decision table and form in one
 * deployment, which {@code camunda:formRefBinding="deployment"} requires.
 */
final class LifecycleDeployment {

  /** Folder on the classpath, and the file name pattern to deploy from it. */
  private static final Map<String, String> RESOURCES = Map.of(
      "processes/", CaseLifecycle.PROCESS_KEY + ".bpmn",
      "decisions/", "*.dmn",
      "forms/", "*.form");

  private LifecycleDeployment() {
  }

  static Deployment deploy(RepositoryService repositoryService) {
    DeploymentBuilder deployment = repositoryService.createDeployment().name(CaseLifecycle.PROCESS_KEY);
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (Map.Entry<String, String> folderAndPattern : RESOURCES.entrySet()) {
        String folder = folderAndPattern.getKey();
        Resource[] resources = resolver.getResources("classpath*:" + folder + folderAndPattern.getValue());
        if (resources.length == 0) {
          throw new IllegalStateException("Nothing to deploy from " + folder);
        }
        for (Resource resource : resources) {
          try (InputStream in = resource.getInputStream()) {
            deployment.addInputStream(folder + resource.getFilename(), in);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deployment.deploy();
  }
}
