package dev.termchat.server.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The store's directory and file made readable by the server's user alone: the store keeps
 * private messages (for a session's resume) and addresses, which other users of the machine have
 * no business reading. SQLite gives its WAL and shared-memory files the database's permissions.
 * What already exists is left as its owner made it; a file system without POSIX permissions gets
 * what it gives.
 */
final class PrivateFiles {
  private PrivateFiles() {}

  static void directory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(directory); // No POSIX permissions to give.
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  static void file(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      // Made by an earlier start, with the permissions it was given.
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions to give: SQLite makes the file.
    }
  }
}
