package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A password kept in a file, for scripts: its first line, which must not be empty. */
final class SecretFile {
  private SecretFile() {}

  /**
   * @param what what the file holds, as the errors name it: "password", "account password"
   * @throws IOException saying, in a person's words, why the file will not do
   */
  static String firstLine(Path file, String what) throws IOException {
    String line;
    try (BufferedReader lines = Files.newBufferedReader(file)) {
      line = lines.readLine();
    } catch (NoSuchFileException e) {
      throw new IOException("the " + what + " file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IOException("cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
    }
    if (line == null || line.isEmpty()) {
      throw new IOException("the " + what + " file " + file + " is empty");
    }
    return line;
  }
}
