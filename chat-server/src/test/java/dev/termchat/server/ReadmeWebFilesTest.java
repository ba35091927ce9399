package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README's list of the web page's JavaScript modules is every module the server serves. */
class ReadmeWebFilesTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path WEB = Path.of("src", "main", "resources", "web");
  private static final Pattern LIST = Pattern.compile("the JavaScript modules (.*?)\\):", Pattern.DOTALL);
  private static final Pattern MODULE = Pattern.compile("`([\\w-]+\\.js)`");

  @Test
  void readmeNamesEveryJavaScriptModuleOfThePage() throws IOException {
    Matcher list = LIST.matcher(Files.readString(README));
    if (!list.find()) {
      throw new AssertionError("README.md lists the page's JavaScript modules after \"the JavaScript modules\"");
    }
    List<String> named = MODULE.matcher(list.group(1)).results().map(found -> found.group(1)).sorted().toList();
    List<String> served;
    try (Stream<Path> files = Files.list(WEB)) {
      served = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".js")).sorted().toList();
    }
    assertEquals(served, named);
  }
}
