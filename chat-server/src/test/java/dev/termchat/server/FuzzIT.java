package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tens of thousands of malformed frames from several connections at a real server process, while
 * healthy clients chat. Every bad input must have its defined outcome: dropped in silence for a
 * base client, an error reply for an extended one, a close code for a protocol violation. The
 * healthy clients must miss nothing, and the server must log no client mistake at ERROR or with
 * a stack trace.
 */
class FuzzIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final int FUZZERS = 8;
  private static final int FRAMES_EACH = 1500;
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

  private final FrameCodec codec = new FrameCodec();
  private final AtomicInteger framesSent = new AtomicInteger();

  @Test
  void theServerSurvivesMalformedInputAndHealthyClientsMissNothing() throws Exception {
    try (RunningProcess server =
        RunningProcess.javaJar(JAR, List.of("--port", "0", "--rate", "1000000", "--burst", "1000000"), Map.of())) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      List<WebSocketRecorder> healthy = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        WebSocketRecorder client = WebSocketRecorder.base(uri).open();
        register(client, "healthy" + i);
        healthy.add(client);
      }

      ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger said = new AtomicInteger();
      chatter.scheduleAtFixedRate(
          () -> {
            int line = said.getAndIncrement();
            healthy.get(line % 3).send(new SendMessage((line % 3) + " " + line / 3));
          },
          0, 20, TimeUnit.MILLISECONDS);
      ExecutorService fuzzers = Executors.newFixedThreadPool(FUZZERS);
      try {
        List<Future<Void>> runs = new ArrayList<>();
        for (int i = 0; i < FUZZERS; i++) {
          Random random = new Random(SEED + i);
          runs.add(fuzzers.submit(() -> fuzz(uri, random)));
        }
        for (Future<Void> run : runs) {
          run.get();
        }
      } finally {
        chatter.shutdown();
        chatter.awaitTermination(5, TimeUnit.SECONDS);
        fuzzers.shutdownNow();
      }
      assertTrue(framesSent.get() >= 10_000, framesSent + " frames, seed " + SEED);

      int lines = said.get();
      healthy.get(0).send(new SendMessage("the end"));
      for (WebSocketRecorder client : healthy) {
        assertSawEveryHealthyLineInOrder(client, lines);
      }

      server.terminate();
      assertEquals(0, server.awaitExit());
      List<String> log = server.allStderr();
      for (String line : log) {
        assertTrue(!line.contains(" ERROR ") && !line.contains("Exception") && !line.startsWith("\tat "),
            "seed " + SEED + ": " + line);
      }
    }
  }

  /** Every line of every healthy sender, each sender's in the order sent. */
  private void assertSawEveryHealthyLineInOrder(WebSocketRecorder client, int lines) throws Exception {
    int[] next = new int[3];
    while (true) {
      ServerFrame frame = codec.decodeServerFrame(client.nextText());
      if (frame instanceof ChatMessage message && message.from().startsWith("healthy")) {
        if (message.message().equals("the end")) {
          break;
        }
        String[] parts = message.message().split(" ");
        int sender = Integer.parseInt(parts[0]);
        assertEquals(next[sender], Integer.parseInt(parts[1]), "seed " + SEED + ", sender " + sender);
        next[sender]++;
      }
    }
    assertEquals(lines, next[0] + next[1] + next[2], "seed " + SEED);
  }

  /** One fuzzing connection after another until this fuzzer has sent its share of frames. */
  private Void fuzz(URI uri, Random random) throws Exception {
    int sent = 0;
    while (sent < FRAMES_EACH) {
      int kind = random.nextInt(10);
      boolean extended = kind < 5;
      Map<String, String> headers = extended ? Map.of("Sec-WebSocket-Protocol", Wire.SUBPROTOCOL) : Map.of();
      try (RawWebSocket socket = RawWebSocket.connect(uri, headers)) {
        assertEquals(101, socket.status());
        if (extended) {
          assertTrue(socket.readText().contains("\"welcome\""));
        }
        if (kind == 9) {
          sent += fuzzPlainText(socket, random);
        } else {
          if (!extended) {
            // A first frame that is JSON keeps a base client from turning plain text.
            socket.sendText("{\"messageType\":\"dance\"}");
          }
          sent += fuzzOneConnection(socket, extended, random);
        }
      }
    }
    return null;
  }

  /**
   * A plain-text client: each of its frames, whatever it holds, is a line to everyone, which
   * comes back to it as {@code From NAME (ADDRESS): TEXT}.
   */
  private int fuzzPlainText(RawWebSocket socket, Random random) throws IOException {
    int lines = 1 + random.nextInt(20);
    for (int i = 0; i < lines; i++) {
      String text = random.nextBoolean() ? MalformedJson.next(random) : MalformedJson.randomText(random);
      socket.sendText(i == 0 ? "~" + text : text); // the first may not be JSON
    }
    socket.sendText("the last " + lines);
    framesSent.addAndGet(lines + 1);
    while (true) {
      String text = socket.readText();
      assertTrue(text.startsWith("From "), "seed " + SEED + ": " + text);
      if (text.startsWith("From guest-") && text.endsWith(": the last " + lines)) {
        return lines + 1;
      }
    }
  }

  /** Sends bad frames until one closes the connection or a batch is done; returns how many. */
  private int fuzzOneConnection(RawWebSocket socket, boolean extended, Random random) throws IOException {
    int sent = 0;
    for (int i = 0; i < 200; i++) {
      int kind = random.nextInt(100);
      if (kind < 85) {
        socket.sendText(MalformedJson.next(random));
        framesSent.incrementAndGet();
        sent++;
        if (extended) {
          String reply = socket.readText();
          assertTrue(reply.startsWith("{\"messageType\":\"error\""), "seed " + SEED + ": " + reply);
        }
      } else {
        ProtocolViolation violation = ProtocolViolation.values()[random.nextInt(ProtocolViolation.values().length)];
        long started = System.nanoTime();
        socket.sendRaw(violation.bytes(random));
        framesSent.incrementAndGet();
        int code = socket.awaitClose();
        assertTrue(violation.closeCodes.contains(code), "seed " + SEED + ": " + violation + " closed with " + code + " after " + (System.nanoTime() - started) / 1_000_000 + " ms, extended " + extended + ", frame " + i);
        return sent + 1;
      }
    }
    // A name and a message full of control characters and escapes: the name is refused for a
    // guest name (an extended client is told why), the message is delivered as it is. For a base
    // client, had any bad frame above been answered, the answer would arrive before these.
    String nasty = MalformedJson.escapedNasty(random).replace("\\ud800", "");
    String options = ",\"dataArray\":[\"token=forged.token\",\"history=-7\",\"resume\"]";
    socket.sendText("{\"messageType\":\"register\",\"data\":\"" + nasty + "\"" + (extended ? options : "") + "}");
    if (extended) {
      String error = socket.readText();
      assertTrue(error.contains("invalid-token"), "seed " + SEED + ": " + error);
      error = socket.readText();
      assertTrue(error.contains("invalid-name"), "seed " + SEED + ": " + error);
    }
    String register = socket.readText();
    assertTrue(register.startsWith("{\"messageType\":\"register\",\"data\":\"guest-"), "seed " + SEED + ": " + register);
    socket.sendText("{\"messageType\":\"message\",\"data\":\"" + nasty + "\"}");
    framesSent.addAndGet(2);
    String name = register.replaceAll(".*\"data\":\"(guest-\\d+)\".*", "$1");
    while (true) {
      ServerFrame frame = decode(socket.readText());
      if (frame instanceof ChatMessage message && message.from().equals(name)) {
        assertTrue(message.message().startsWith("x"), "seed " + SEED + ": " + message);
        break;
      }
    }
    if (!extended) {
      return sent + 2;
    }
    // Registered, with mistakes of the conversation frames: each is told why.
    socket.sendText("{\"messageType\":\"private\",\"data\":\"psst\",\"dataArray\":[\"to=" + nasty + "\"]}");
    socket.sendText("{\"messageType\":\"nick\",\"data\":\"" + nasty + "\"}");
    socket.sendText("{\"messageType\":\"action\",\"data\":\"\"}");
    int errors = 0;
    while (errors < 3) {
      ServerFrame frame = decode(socket.readText());
      if (frame instanceof ErrorReply) {
        errors++;
      }
      assertTrue(!(frame instanceof PrivateChat), "seed " + SEED + ": " + frame);
    }
    return sent + 5;
  }

  private ServerFrame decode(String text) {
    try {
      return codec.decodeServerFrame(text);
    } catch (dev.termchat.protocol.ProtocolException e) {
      throw new AssertionError("seed " + SEED + ": the server sent " + text, e);
    }
  }

  /** Frames that break the WebSocket protocol itself, and the close codes they may get. */
  private enum ProtocolViolation {
    INVALID_UTF8(Set.of(1007)) {
      @Override
      byte[] bytes(Random random) {
        return RawWebSocket.frame(true, RawWebSocket.TEXT, new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'});
      }
    },
    BINARY(Set.of(1003)) {
      @Override
      byte[] bytes(Random random) {
        byte[] payload = new byte[random.nextInt(100)];
        random.nextBytes(payload);
        return RawWebSocket.frame(true, RawWebSocket.BINARY, payload);
      }
    },
    RESERVED_OPCODE(Set.of(1002)) {
      @Override
      byte[] bytes(Random random) {
        return RawWebSocket.frame(true, 3 + random.nextInt(5), "x".getBytes(StandardCharsets.UTF_8));
      }
    },
    RESERVED_BITS(Set.of(1002)) {
      @Override
      byte[] bytes(Random random) {
        byte[] frame = RawWebSocket.frame(true, RawWebSocket.TEXT, "{}".getBytes(StandardCharsets.UTF_8));
        frame[0] |= 0x40;
        return frame;
      }
    },
    LONG_PING(Set.of(1002)) {
      @Override
      byte[] bytes(Random random) {
        return RawWebSocket.frame(true, RawWebSocket.PING, new byte[126]);
      }
    },
    STRAY_CONTINUATION(Set.of(1002)) {
      @Override
      byte[] bytes(Random random) {
        return RawWebSocket.frame(true, RawWebSocket.CONTINUATION, "x".getBytes(StandardCharsets.UTF_8));
      }
    },
    OVERSIZE(Set.of(1009)) {
      @Override
      byte[] bytes(Random random) {
        return RawWebSocket.frame(true, RawWebSocket.TEXT, new byte[ServerConfig.DEFAULT_MAX_FRAME_BYTES + 1]);
      }
    };

    final Set<Integer> closeCodes;

    ProtocolViolation(Set<Integer> closeCodes) {
      this.closeCodes = closeCodes;
    }

    abstract byte[] bytes(Random random);
  }

  /** Text that is not a frame a client may send: every one of these gets an error reply. */
  private static final class MalformedJson {
    private static final String[] VALID = {
      "{\"messageType\":\"message\",\"data\":\"hello\"}",
      "{\"messageType\":\"register\",\"dataArray\":null,\"data\":\"alice\"}",
    };

    static String next(Random random) {
      return switch (random.nextInt(12)) {
        case 0 -> randomText(random);
        case 1 -> truncated(random);
        case 2 -> "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(3));
        case 3 -> "{\"messageType\":" + oneOf(random, "1", "[]", "{}", "true", "null", "1e999999") + ",\"data\":\"x\"}";
        case 4 -> "{\"messageType\":\"message\",\"data\":" + oneOf(random, "1", "[\"x\"]", "{\"a\":1}", "false", "-0.0e-7") + "}";
        case 5 -> "{\"messageType\":\"message\",\"data\":" + "9".repeat(33 + random.nextInt(1000)) + "}";
        case 6 -> "{\"messageType\":\"" + escapedNasty(random) + "\",\"data\":\"x\"}";
        case 7 -> "{\"messageType\":\"message\",\"data\":\"" + escapedNasty(random) + "\"}"; // before register
        // The conversation frames, before register or malformed.
        case 8 -> "{\"messageType\":\"private\",\"data\":\"x\"" + oneOf(random, "", ",\"dataArray\":[\"to=bob\"]", ",\"dataArray\":[1]", ",\"dataArray\":\"to=bob\"") + "}";
        case 9 -> "{\"messageType\":\"nick\",\"data\":" + oneOf(random, "\"bob\"", "null", "7", "\"" + escapedNasty(random) + "\"") + "}";
        case 10 -> "{\"messageType\":\"action\",\"data\":" + oneOf(random, "\"waves\"", "\"\"", "[]") + ",\"dataArray\":[\"id=" + escapedNasty(random) + "\"]}";
        default -> "{\"messageType\":\"message\",\"messageType\":\"register\",\"data\":\"dup\"}";
      };
    }

    private static String oneOf(Random random, String... choices) {
      return choices[random.nextInt(choices.length)];
    }

    static String randomText(Random random) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(200);
      for (int i = 0; i < length; i++) {
        int codePoint = random.nextInt(0x3000);
        if (!Character.isSurrogate((char) codePoint)) {
          text.appendCodePoint(codePoint);
        }
      }
      // Random text that happens to be a JSON object would not be malformed; make sure it is not.
      return "~" + text;
    }

    private static String truncated(Random random) {
      String frame = VALID[random.nextInt(VALID.length)];
      return frame.substring(0, 1 + random.nextInt(frame.length() - 1));
    }

    /** Control characters, escape sequences and bidi overrides, as JSON escapes. */
    static String escapedNasty(Random random) {
      String[] pieces = {"\\u001b[2J", "\\u001b]0;title\\u0007", "\\u202e", "\\u200b", "\\u0000", "\\n", "\\u009b31m", "\\ud800"};
      StringBuilder text = new StringBuilder("x");
      for (int i = 0; i < 1 + random.nextInt(6); i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      return text.toString();
    }
  }
}
