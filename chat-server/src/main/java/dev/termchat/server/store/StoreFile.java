package dev.termchat.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The store's directory, opened for one server: the lock that keeps a second server out, the
 * SQLite file with its schema checked (or made), and what the file keeps of itself: the epoch
 * that prefixes every id, and how many times a server has started on it.
 *
 * <p>The lock is an OS lock on {@code termchat.lock}, held while the server runs and let go by
 * the OS when the process ends in any way, {@code kill -9} included: no stale lock to clear.
 */
public final class StoreFile implements AutoCloseable {
  /** The file's name in the directory. */
  public static final String DB = "termchat.db";
  static final String LOCK = "termchat.lock";
  /** The schema this server writes and reads; a file of a greater one is refused. */
  static final int SCHEMA_VERSION = Schema.VERSION;

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final long epoch;
  private final long run;
  /** What the OS knows the file opened by (its device and inode), to tell it from another by its name. */
  private final Object fileKey;

  private StoreFile(Path directory, FileChannel lockChannel, FileLock lock, long epoch, long run, Object fileKey) {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.epoch = epoch;
    this.run = run;
    this.fileKey = fileKey;
  }

  /**
   * Locks the directory (made if missing) and checks or makes the store in it.
   *
   * @param now the time to take as the epoch of a store made now
   * @throws StoreException when it cannot be used, saying why in one line
   */
  public static StoreFile open(Path directory, long now) {
    Path db = directory.resolve(DB);
    FileChannel channel = null;
    try {
      PrivateFiles.directory(directory);
      PrivateFiles.file(db);
      PrivateFiles.file(directory.resolve(LOCK));
      channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new StoreException("another server is using the store in " + directory + " (only one may; stop it or give --data another directory)");
      }
      long[] epochAndRun;
      try (Connection connection = connect(db)) {
        epochAndRun = Schema.prepare(connection, db, now);
      }
      Object fileKey = Files.readAttributes(db, BasicFileAttributes.class).fileKey();
      return new StoreFile(directory, channel, lock, epochAndRun[0], epochAndRun[1], fileKey);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot use " + directory + " for the store: " + why(e) + "; give --data another directory, or --data none", e);
    } catch (SQLException e) {
      closeQuietly(channel);
      if (e instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
        throw new StoreException(db + " is not a termchat store (not an SQLite database); move it away or give --data another directory");
      }
      throw new StoreException(db + " cannot be used: " + e.getMessage() + diskHint(e), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** What went wrong, in words: the JDK names only the file for the commonest failures. */
  private static String why(IOException e) {
    String file = e instanceof FileSystemException failed && failed.getFile() != null ? failed.getFile() : null;
    String what =
        e instanceof AccessDeniedException ? "permission denied"
            : e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException ? "not a directory"
            : e instanceof NoSuchFileException ? "no such file or directory"
            : e instanceof FileSystemException failed && failed.getReason() != null ? failed.getReason()
            : e.getMessage();
    return file == null ? what : what + " (" + file + ")";
  }

  /** SQLite's word for a disk with no room is an I/O error of one kind or another: said plainly. */
  private static String diskHint(SQLException e) {
    String said = String.valueOf(e.getMessage());
    return said.contains("SQLITE_FULL") || said.contains("SQLITE_IOERR") ? " (is the disk full?)" : "";
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // Held by this process already: a second server in one JVM, as tests start.
    }
  }

  /**
   * A connection to the store in WAL mode. {@code synchronous=FULL}: a commit is on the disk, not
   * only in the OS's cache, before it returns, so an echoed line survives a power cut as well as
   * a {@code kill -9} (which {@code NORMAL} would survive too). The cost is one fsync a batch,
   * which the writer's group commit spreads over every line that gathered meanwhile.
   */
  static Connection connect(Path db) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("journal_mode", "WAL");
    properties.setProperty("synchronous", "FULL");
    properties.setProperty("busy_timeout", "5000");
    properties.setProperty("foreign_keys", "false");
    // The driver otherwise runs a query for the new row's id after every insert, which no caller
    // reads: on the writer's path that was a statement, a result set and a regex each line.
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db, properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("PRAGMA synchronous=FULL");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** A new connection to the store, for a thread of its own. */
  Connection connect() throws SQLException {
    return connect(db());
  }

  public Path db() {
    return directory.resolve(DB);
  }

  /**
   * Whether the store's name still names the file this server opened: a directory deleted or
   * replaced while the server runs leaves its open files taking writes that no restart would
   * find, so a commit must not be echoed then.
   */
  boolean inPlace() {
    try {
      Object now = Files.readAttributes(db(), BasicFileAttributes.class).fileKey();
      return fileKey == null || fileKey.equals(now);
    } catch (IOException gone) {
      return false;
    }
  }

  /** The number every id of this store starts with: the time it was made, in milliseconds. */
  long epoch() {
    return epoch;
  }

  /** How many times a server has started on this store, this one included. */
  long run() {
    return run;
  }

  /** Lets the directory go, for another server to take. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel's close below lets it go all the same.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a lock file that was only ever locked: nothing was written to lose.
    }
  }
}
