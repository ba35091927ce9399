package dev.termchat.client.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chat-bench floor}: what the kernel alone costs per delivery on this machine. One
 * process writes a pre-encoded frame to each of many loopback sockets with one write() each, at
 * a message rate, and reports its own CPU time per write; another reads and discards. No server
 * does better with one write per delivery; only several frames per write go below this.
 */
@Command(
    name = "floor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the kernel's cost of one write per delivery on this machine.",
      "",
      "That is the floor for a server that writes each frame to each client with its own system "
          + "call. Run a sink on one core and the writer on the other, e.g.:",
      "  taskset -c 1 chat-bench floor --listen 9100 &",
      "  taskset -c 0 chat-bench floor --connect 9100"
    })
public final class FloorCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  private Mode mode;

  static final class Mode {
    @Option(names = "--listen", paramLabel = "PORT", description = "Read and discard everything sent to this port.")
    Integer listen;

    @Option(names = "--connect", paramLabel = "PORT", description = "Write to a sink on this port, and measure.")
    Integer connect;
  }

  @Option(names = "--clients", paramLabel = "N", description = "Sockets to write to (default: ${DEFAULT-VALUE}).")
  private int sockets = 500;

  @Option(names = "--rate", paramLabel = "N", description = "Rounds a second, one frame to every socket each (default: ${DEFAULT-VALUE}).")
  private int rate = 200;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "How long to write (default: ${DEFAULT-VALUE}).")
  private int seconds = 10;

  @Option(names = "--size", paramLabel = "BYTES", description = "Frame size on the wire (default: ${DEFAULT-VALUE}, a 64-byte chat message's).")
  private int size = 150;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return mode.listen != null ? sink(mode.listen) : write(mode.connect);
  }

  private int sink(int port) throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = Selector.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      spec.commandLine().getOut().println("sink listening on 127.0.0.1:" + port + "; Ctrl-C stops it");
      spec.commandLine().getOut().flush();
      ByteBuffer discard = ByteBuffer.allocateDirect(64 * 1024);
      while (true) {
        selector.select();
        for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isAcceptable()) {
            SocketChannel client = server.accept();
            if (client != null) {
              client.configureBlocking(false);
              client.register(selector, SelectionKey.OP_READ);
            }
          } else if (key.isReadable()) {
            discard.clear();
            if (((SocketChannel) key.channel()).read(discard) < 0) {
              key.cancel();
              key.channel().close();
            }
          }
        }
      }
    }
  }

  private int write(int port) throws IOException, InterruptedException {
    atLeastOne("--clients", sockets);
    atLeastOne("--rate", rate);
    atLeastOne("--duration", seconds);
    atLeastOne("--size", size);
    long ticksPerSecond = ProcStats.clockTicksPerSecond();
    List<SocketChannel> channels = new ArrayList<>(sockets);
    try {
      for (int i = 0; i < sockets; i++) {
        SocketChannel channel;
        try {
          channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        } catch (java.net.ConnectException e) {
          spec.commandLine().getErr().println(
              "error: cannot connect to 127.0.0.1:" + port + ": connection refused (is `floor --listen " + port + "` running?)");
          return 1;
        }
        channels.add(channel);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
      }
      ByteBuffer frame = ByteBuffer.allocateDirect(size);
      while (frame.hasRemaining()) {
        frame.put((byte) 'x');
      }
      frame.flip();
      long self = ProcessHandle.current().pid();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long rounds = (long) rate * seconds;
      ProcStats before = ProcStats.read(self);
      long start = System.nanoTime();
      long writes = 0;
      long shortWrites = 0;
      for (long round = 0; round < rounds; round++) {
        long wait = start + round * interval - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        for (SocketChannel channel : channels) {
          if (channel.write(frame) < size) {
            shortWrites++; // The sink fell behind; the write still cost a system call.
          }
          frame.rewind();
          writes++;
        }
      }
      ProcStats after = ProcStats.read(self);
      double micros = after.cpuMicrosSince(before, ticksPerSecond) / writes;
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "%d writes of %d bytes to %d sockets in %.1f s: %.2f us of CPU per write%n",
          writes, size, sockets, (System.nanoTime() - start) / 1e9, micros);
      if (shortWrites > 0) {
        out.printf(Locale.ROOT, "%d writes were short: the sink did not keep up%n", shortWrites);
      }
      out.flush();
      return 0;
    } finally {
      for (SocketChannel channel : channels) {
        channel.close();
      }
    }
  }

  private void atLeastOne(String option, int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), option + " must be at least 1, not " + value);
    }
  }
}
