package dev.termchat.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.termchat.testing.TopLevelClasses;

/**
 * The server's import graph has no cycles: none between its packages, and none between any two
 * of its files (top-level classes), whatever their package. A part knows what it uses and is
 * known by what uses it, never both ways: the edge's stages know the I/O loop only through
 * what they are offered, the room's rules know neither the room's thread nor its public face,
 * and a logger shared by a package's parts is named, not a class of it.
 */
@AnalyzeClasses(packages = "dev.termchat.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packagesHaveNoCycles =
      slices().matching("dev.termchat.server.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule filesHaveNoCycles = slices().assignedFrom(new TopLevelClasses()).should().beFreeOfCycles();
}
