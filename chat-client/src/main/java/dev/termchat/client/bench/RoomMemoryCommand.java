package dev.termchat.client.bench;

import dev.termchat.client.ServerUriConverter;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chat-bench room-memory}: what a room and a kept message cost a server in memory. It
 * reads the server's live heap (after a full collection) with its clients in #general alone, again
 * once each has made rooms of its own, and again once each has said messages in them, and divides
 * the differences by what was added.
 */
@Command(
    name = "room-memory",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the server's memory per room and per kept message.",
      "",
      "Start a server with its defaults and no other users on this machine, then e.g.:",
      "  chat-bench room-memory --server-pid PID",
      "It runs jcmd (from the JDK running the bench) on the server's pid."
    })
public final class RoomMemoryCommand implements Callable<Integer> {
  private static final long TIMEOUT_MILLIS = 30_000;

  @Spec private CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", converter = ServerUriConverter.class,
      description = "The server (default: ${DEFAULT-VALUE}).")
  private URI server = URI.create("ws://127.0.0.1:8080");

  @Option(names = "--server-pid", paramLabel = "PID", required = true, description = "The server's process id, for jcmd.")
  private long pid;

  @Option(names = "--clients", paramLabel = "N", description = "Clients, each with rooms of its own (default: ${DEFAULT-VALUE}).")
  private int clients = 100;

  @Option(names = "--rooms-each", paramLabel = "N", description = "Rooms each client makes (default: ${DEFAULT-VALUE}).")
  private int roomsEach = 99;

  @Option(names = "--messages-each", paramLabel = "N", description = "Messages each client says in its rooms (default: ${DEFAULT-VALUE}).")
  private int messagesEach = 100;

  @Option(names = "--size", paramLabel = "CHARS", description = "Characters a message (default: ${DEFAULT-VALUE}).")
  private int size = 64;

  @Option(names = "--rate", paramLabel = "N", description = "Messages a second per client, under the server's limit (default: ${DEFAULT-VALUE}).")
  private int rate = 20;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || roomsEach < 1 || messagesEach < 0 || size < 1 || rate < 1) {
      throw new ParameterException(spec.commandLine(), "--clients, --rooms-each, --size and --rate must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    HeapProbe heap = new HeapProbe(pid);
    List<MemoryClient> opened = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      for (int i = 0; i < clients; i++) {
        MemoryClient client = new MemoryClient(server);
        opened.add(client);
        if (!client.connectBlocking(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
          spec.commandLine().getErr().println("error: cannot connect to " + server);
          return 1;
        }
        client.await("welcome", TIMEOUT_MILLIS);
        client.send("register", "mem-" + i, "rooms=#general");
        client.await("register", TIMEOUT_MILLIS);
        client.await("join", TIMEOUT_MILLIS);
      }
      long base = heap.liveBytes();
      report(out, "clients in #general", clients, base, base);
      eachClient(pool, opened, (i, client) -> {
        for (int r = 0; r < roomsEach; r++) {
          client.send("join", room(i, r));
          client.await("join", TIMEOUT_MILLIS);
        }
      });
      long withRooms = heap.liveBytes();
      report(out, "rooms, one member each, no messages", (long) clients * roomsEach, base, withRooms);
      String text = "m".repeat(size);
      eachClient(pool, opened, (i, client) -> {
        for (int m = 0; m < messagesEach; m++) {
          client.send("message", text, "room=" + room(i, m % roomsEach));
          client.await("message", TIMEOUT_MILLIS);
          TimeUnit.MILLISECONDS.sleep(1000 / rate); // Pacing under the server's rate limit, not a wait for an event.
        }
      });
      long withMessages = heap.liveBytes();
      report(out, "kept messages of " + size + " characters", (long) clients * messagesEach, withRooms, withMessages);
      return 0;
    } finally {
      pool.shutdownNow();
      for (MemoryClient client : opened) {
        client.close();
      }
    }
  }

  private static String room(int client, int index) {
    return "#mem-" + client + "-" + index;
  }

  private static void report(PrintWriter out, String what, long count, long before, long after) {
    out.printf(Locale.ROOT, "%-40s %7d  live heap %,13d bytes", what, count, after);
    if (after != before) {
      out.printf(Locale.ROOT, "  %+,11d  = %,.0f bytes each", after - before, (after - before) / (double) count);
    }
    out.println();
    out.flush();
  }

  private interface ClientWork {
    void run(int index, MemoryClient client) throws Exception;
  }

  private static void eachClient(ExecutorService pool, List<MemoryClient> clients, ClientWork work) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      int index = i;
      done.add(pool.submit(() -> {
        work.run(index, clients.get(index));
        return null;
      }));
    }
    for (Future<?> each : done) {
      each.get();
    }
  }
}
