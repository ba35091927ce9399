package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real process under test, such as {@code java -jar chat-client.jar}: its stdout and stderr
 * lines are recorded on queues by reader threads, and a test waits for them with a timeout.
 */
public final class RunningProcess implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
  private final List<String> allStdout = new ArrayList<>();
  private final List<String> allStderr = new ArrayList<>();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private RunningProcess(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    stdoutReader = pump(process.getInputStream(), stdout, "stdout");
    stderrReader = pump(process.getErrorStream(), stderr, "stderr");
  }

  /** Starts {@code java -jar JAR ARGS...} with the JVM running the tests. */
  public static RunningProcess javaJar(Path jar, List<String> args, Map<String, String> env)
      throws IOException {
    return java(List.of(), jar, args, env);
  }

  /** Starts {@code java JVM_OPTIONS... -jar JAR ARGS...} with the JVM running the tests. */
  public static RunningProcess java(
      List<String> jvmOptions, Path jar, List<String> args, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return start(command, env);
  }

  /** Starts any program, e.g. a client that no one here wrote. */
  public static RunningProcess start(List<String> command) throws IOException {
    return start(command, Map.of());
  }

  /**
   * Starts any program with these variables added to its environment. Each gets a data directory
   * of its own ({@code XDG_DATA_HOME}, unless given): a server's store goes there, never into the
   * home of whoever runs the tests, and two servers of one test do not meet on one store.
   */
  public static RunningProcess start(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_DATA_HOME", java.nio.file.Files.createTempDirectory("termchat-data").toString());
    builder.environment().putAll(env);
    return new RunningProcess(builder.start());
  }

  /** The jar a Maven build put at the path in a system property. */
  public static Path jarFromProperty(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      fail("system property " + property + " is not set; run this test with mvn verify");
    }
    return Path.of(path);
  }

  private static Thread pump(InputStream in, BlockingQueue<String> lines, String name) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lineReader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lineReader.readLine(); line != null; line = lineReader.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<" + name + " failed: " + e + ">");
              }
            },
            "process-" + name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Types a line on the process's stdin. */
  public void typeLine(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the process's stdin, as Ctrl-D does in a terminal. */
  public void endInput() throws IOException {
    stdin.close();
  }

  /** Waits for a stdout line matching the pattern; returns its match. */
  public Matcher awaitStdout(String regex) throws InterruptedException {
    return await(stdout, allStdout, "stdout", regex);
  }

  /** Waits for a stderr line matching the pattern; returns its match. */
  public Matcher awaitStderr(String regex) throws InterruptedException {
    return await(stderr, allStderr, "stderr", regex);
  }

  private Matcher await(
      BlockingQueue<String> lines, List<String> seen, String name, String regex)
      throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        // Everything else it printed, and whether it is still running: why the line never came.
        stdout.drainTo(allStdout);
        stderr.drainTo(allStderr);
        String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
        fail("no " + name + " line matching /" + regex + "/ within " + TIMEOUT + "; saw " + seen
            + "; the process is " + state + "; stdout " + allStdout + ", stderr " + allStderr);
      }
      seen.add(line);
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return matcher;
      }
    }
  }

  /** Waits for the process to exit; returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      // Everything printed so far, not only the lines a test waited for: what it did last.
      stdout.drainTo(allStdout);
      stderr.drainTo(allStderr);
      fail("the process did not exit within " + TIMEOUT + "; stdout " + allStdout + ", stderr " + allStderr);
    }
    return process.exitValue();
  }

  /** Waits up to this long for the process to exit; whether it has. */
  public boolean awaitExitFor(Duration time) throws InterruptedException {
    return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the process has exited; its exit code when it has. */
  public java.util.OptionalInt exitCodeIfExited() {
    return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
  }

  /** Sends SIGKILL: the process ends at once, with no chance to say goodbye. */
  public void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a signal by name, e.g. {@code STOP}: a stopped process keeps its sockets open and
   * answers nothing, as a machine behind a pulled cable does.
   */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
      fail("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Sends SIGTERM. Unlike {@link Process#destroy()}, this leaves the output streams open. */
  public void terminate() {
    process.toHandle().destroy();
  }

  /**
   * Every stderr line once the process has exited and its stream is drained. Call after
   * {@link #awaitExit()}.
   */
  public List<String> remainingStderr() throws InterruptedException {
    return drain(stderrReader, stderr, allStderr);
  }

  /** Every stderr line the process wrote, once it has exited: those awaited and the rest. */
  public List<String> allStderr() throws InterruptedException {
    drain(stderrReader, stderr, allStderr);
    return List.copyOf(allStderr);
  }

  /** Every stdout line the process wrote, once it has exited: those awaited and the rest. */
  public List<String> allStdout() throws InterruptedException {
    drain(stdoutReader, stdout, allStdout);
    return List.copyOf(allStdout);
  }

  /** Every stdout line once the process has exited and its stream is drained. */
  public List<String> remainingStdout() throws InterruptedException {
    return drain(stdoutReader, stdout, allStdout);
  }

  private static List<String> drain(Thread reader, BlockingQueue<String> lines, List<String> seen)
      throws InterruptedException {
    // The reader thread ends at end of stream; the queue is complete once it has.
    reader.join(TIMEOUT.toMillis());
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    seen.addAll(rest);
    return rest;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
