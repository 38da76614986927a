package org.switchboard.caseapi.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules the design relies on: the engine sits behind ports, so only adapters (packages named
 * {@code engine}) and the platform plumbing (identity, tenants, error mapping) may touch Camunda's API.
 */
@AnalyzeClasses(packages = "org.switchboard.caseapi", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainCodeReachesTheEngineOnlyThroughAdapters = noClasses()
      .that().resideInAPackage("org.switchboard.caseapi..")
      .and().resideOutsideOfPackages("..engine..", "..identity..", "..tenants..", "..web..", "..demo..")
      .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine..")
      .because("the engine sits behind ports (CaseProcess, CaseTasks, ...); adapters live in *.engine packages");

  @ArchTest
  static final ArchRule controllersStayThin = noClasses()
      .that().haveSimpleNameEndingWith("Controller")
      .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.springframework.jdbc..")
      .because("controllers call use cases; they neither drive the engine nor run SQL");

  @ArchTest
  static final ArchRule adaptersDoNotDependOnControllers = noClasses()
      .that().resideInAPackage("..engine..")
      .should().dependOnClassesThat().haveSimpleNameEndingWith("Controller");
}
