package dev.termchat.client;

/**
 * The libraries a program's thin jar names in its manifest, in the lib/ folder beside it. A jar
 * copied away from that folder would die on its first library class with a stack trace; it is
 * told instead, before any class that needs a library is loaded. Each program's module has its own
 * copy: one shared through chat-protocol would itself be in lib/.
 */
public final class LibraryFolder {
  private LibraryFolder() {}

  /**
   * Whether the libraries are there; if not, says so on standard error.
   *
   * @param jar the jar's name, as the user knows it
   */
  public static boolean found(String jar) {
    try {
      // Every program here parses its command line with picocli first: a class from lib/.
      Class.forName("picocli.CommandLine", false, LibraryFolder.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException missing) {
      System.err.println(
          "error: " + jar + " cannot find its libraries: they come with it in a lib/ folder, which must stay"
              + " beside it (as in the unpacked distribution, or in target/ after a build); copy or link that"
              + " folder too, or run the launcher in the distribution's bin/");
      return false;
    }
  }
}
