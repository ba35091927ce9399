package dev.termchat.client;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.termchat.testing.TopLevelClasses;

/**
 * The client's and the bench's import graph has no cycles between files: the session's parts
 * (reconnecting, sending lines, reading frames) are wired by the session, and know it not.
 */
@AnalyzeClasses(packages = "dev.termchat.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule filesHaveNoCycles = slices().assignedFrom(new TopLevelClasses()).should().beFreeOfCycles();
}
