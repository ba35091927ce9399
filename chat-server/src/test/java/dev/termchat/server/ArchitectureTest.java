package dev.termchat.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The server's import graph has no cycles: none between its packages, and none between the
 * top-level classes of the edge, where a connection's stages each do one thing and the I/O loop
 * knows them only through what they offer it.
 */
@AnalyzeClasses(packages = "dev.termchat.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String EDGE = "dev.termchat.server.edge";

  @ArchTest
  static final ArchRule packagesHaveNoCycles =
      slices().matching("dev.termchat.server.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule edgeClassesHaveNoCycles =
      slices().assignedFrom(new TopLevelClassesOf(EDGE)).should().beFreeOfCycles();

  /** Each top-level class of one package is a slice, its nested and anonymous classes with it. */
  private record TopLevelClassesOf(String packageName) implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      if (!javaClass.getPackageName().equals(packageName)) {
        return SliceIdentifier.ignore();
      }
      String simple = javaClass.getName().substring(packageName.length() + 1);
      int nested = simple.indexOf('$');
      return SliceIdentifier.of(nested < 0 ? simple : simple.substring(0, nested));
    }

    @Override
    public String getDescription() {
      return "top-level classes of " + packageName;
    }
  }
}
