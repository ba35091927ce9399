package dev.termchat.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running in a real terminal: a detached tmux session, driven with send-keys and read
 * with capture-pane, as a person at a keyboard would drive it and see it.
 */
final class Tmux implements AutoCloseable {
  /** The terminal's size, in columns and rows. */
  static final int WIDTH = 120;
  static final int HEIGHT = 30;

  private final String session = "termchat-" + UUID.randomUUID();

  /** Starts the shell command in a new terminal of {@link #WIDTH} x {@link #HEIGHT}. */
  static Tmux start(String command, Map<String, String> environment) throws IOException, InterruptedException {
    Tmux tmux = new Tmux();
    List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", tmux.session, "-x", Integer.toString(WIDTH), "-y", Integer.toString(HEIGHT)));
    environment.forEach((name, value) -> args.addAll(List.of("-e", name + "=" + value)));
    args.add(command);
    tmux.run(args);
    return tmux;
  }

  /** Types text as it is, without Enter. */
  void type(String text) throws IOException, InterruptedException {
    run(List.of("send-keys", "-t", session, "-l", text));
  }

  /** Presses keys by tmux name: Enter, Up, C-c, C-d. */
  void press(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(args);
  }

  /**
   * Pastes text as a terminal does when a person pastes: as one bracketed paste, which an
   * application that asked for it (JLine does) can tell from typing.
   */
  void paste(String text) throws IOException, InterruptedException {
    String buffer = "paste-" + session;
    run(List.of("set-buffer", "-b", buffer, text));
    run(List.of("paste-buffer", "-p", "-d", "-b", buffer, "-t", session));
  }

  /** The screen as text. */
  String screen() throws IOException, InterruptedException {
    return run(List.of("capture-pane", "-p", "-t", session));
  }

  /** The screen with its colors and attributes as escape sequences. */
  String screenWithEscapes() throws IOException, InterruptedException {
    return run(List.of("capture-pane", "-p", "-e", "-t", session));
  }

  /** Waits until the screen shows what the predicate wants; returns the screen. */
  String awaitScreen(Predicate<String> wanted) {
    String[] last = {""};
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              last[0] = screen();
              assertTrue(wanted.test(last[0]), "the screen showed:\n" + last[0]);
            });
    return last[0];
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("tmux");
    command.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("the terminal tests need tmux: apt-get install tmux", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("tmux " + args + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() throws IOException {
    Process kill = new ProcessBuilder("tmux", "kill-session", "-t", session).start();
    try {
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while ending tmux session " + session);
    }
  }
}
