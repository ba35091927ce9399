package dev.termchat.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * ArchUnit slices of one file each: a top-level class with its nested and anonymous classes, so
 * that a cycle between two files of any package fails an architecture test.
 */
public final class TopLevelClasses implements SliceAssignment {
  @Override
  public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
    String name = javaClass.getName();
    int nested = name.indexOf('$');
    return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
  }

  @Override
  public String getDescription() {
    return "top-level classes";
  }
}
